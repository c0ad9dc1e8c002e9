package org.ccsync.sandbox.canvas;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rest-assured entry points for a running simulator's REST and control APIs, and a Link header parser. */
final class SimulatorFixture {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>;\\s*rel=\"([^\"]+)\"");

    private SimulatorFixture() {
    }

    static RequestSpecification api(CanvasSimulator sim) {
        return given().baseUri(sim.baseUrl()).header("Authorization", "Bearer " + sim.config().apiToken());
    }

    static RequestSpecification control(CanvasSimulator sim) {
        return given().baseUri(sim.baseUrl()).contentType(ContentType.JSON);
    }

    /** rel → URL of a Link header. */
    static Map<String, String> links(String header) {
        Map<String, String> result = new LinkedHashMap<>();
        Matcher m = LINK.matcher(header == null ? "" : header);
        while (m.find()) {
            result.put(m.group(2), m.group(1));
        }
        return result;
    }
}
