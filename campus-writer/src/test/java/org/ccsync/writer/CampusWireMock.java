package org.ccsync.writer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plays Infinite Campus for the tests: WireMock on a free port speaking OAuth2, OneRoster JSON and imsx errors,
 * with six districts pointed at it.
 */
public class CampusWireMock implements QuarkusTestResourceLifecycleManager {

    /** Main district: default category Classwork, settings mapping Labs to Science Labs. */
    public static final String WM = "wm";
    /** A district used only to count token requests. */
    public static final String TOK = "tok";
    /** A district without a default category. */
    public static final String NODEF = "nodef";
    /** A district whose client credentials IC rejects. */
    public static final String BADCREDS = "badcreds";
    /** A district whose IC pages every collection. */
    public static final String PAGED = "paged";
    /** A district whose IC wants token requests without scopes. */
    public static final String NOSCOPE = "noscope";

    public static final String TOKEN_PATH = "/campus/oauth2/token";
    public static final String GB = "/campus/api/ims/oneroster/gradebook/v1p2";
    public static final String RO = "/campus/api/ims/oneroster/rostering/v1p2";

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    public static String baseUrl() {
        return server.baseUrl();
    }

    public static String appName(String tenant) {
        return tenant + "-app";
    }

    public static String bearer(String tenant) {
        return "Bearer token-" + tenant;
    }

    public static String vendor(String tenant) {
        return tenant + "-vk:" + tenant + "-vs";
    }

    public static String basic(String tenant) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((tenant + "-client:" + tenant + "-secret").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        Map<String, String> config = new HashMap<>();
        for (String tenant : List.of(WM, TOK, NODEF, BADCREDS, PAGED, NOSCOPE)) {
            String prefix = "ccsync.districts." + tenant + ".";
            config.put(prefix + "campus-base-url", server.baseUrl());
            config.put(prefix + "app-name", appName(tenant));
            config.put(prefix + "client-id", tenant + "-client");
            config.put(prefix + "client-secret", tenant + "-secret");
            config.put(prefix + "vendor-key", tenant + "-vk");
            config.put(prefix + "vendor-secret", tenant + "-vs");
            stubDistrict(tenant);
        }
        config.put("ccsync.districts.wm.default-category", "Classwork");
        config.put("ccsync.districts." + NOSCOPE + ".token-scopes", "false");
        config.put("ccsync.districts.wm.category-mappings.Labs", "Science Labs");
        config.put("ccsync.retry.max-attempts", "3");
        config.put("ccsync.retry.initial-delay", "20ms");
        config.put("ccsync.retry.max-delay", "3s");
        config.put("ccsync.http.read-timeout", "5s");
        server.stubFor(any(urlPathMatching(GB + "/.*")).atPriority(100).willReturn(imsx(401, "unauthorisedrequest",
                "Missing or invalid x-vendor-authorization")));
        return config;
    }

    private static void stubDistrict(String tenant) {
        if (BADCREDS.equals(tenant)) {
            server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withQueryParam("appName", equalTo(appName(tenant)))
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"invalid_client\"}")));
            return;
        }
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withQueryParam("appName", equalTo(appName(tenant)))
                .withHeader("Authorization", equalTo(basic(tenant)))
                .willReturn(json(200, "{\"access_token\":\"token-" + tenant
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        server.stubFor(put(urlPathMatching(GB + "/(lineItems|results)/.*")).atPriority(10)
                .withHeader("Authorization", equalTo(bearer(tenant)))
                .withHeader("x-vendor-authorization", equalTo(vendor(tenant)))
                .willReturn(json(201, "{}")));
        server.stubFor(delete(urlPathMatching(GB + "/lineItems/.*")).atPriority(10)
                .withHeader("Authorization", equalTo(bearer(tenant)))
                .withHeader("x-vendor-authorization", equalTo(vendor(tenant)))
                .willReturn(aResponse().withStatus(204)));
    }

    /** Seeds a class: its school, one term with a quarter and a semester, and its categories (id to title). */
    public static void seedClass(String tenant, String classId, String schoolId, String termId,
            Map<String, String> categories) {
        server.stubFor(get(urlPathEqualTo(RO + "/classes/" + classId))
                .withHeader("Authorization", equalTo(bearer(tenant)))
                .willReturn(json(200, "{\"class\":{\"sourcedId\":\"" + classId + "\",\"status\":\"active\","
                        + "\"title\":\"Class " + classId + "\",\"classType\":\"scheduled\","
                        + "\"school\":{\"href\":\"x\",\"sourcedId\":\"" + schoolId + "\",\"type\":\"org\"},"
                        + "\"terms\":[{\"href\":\"x\",\"sourcedId\":\"" + termId
                        + "\",\"type\":\"academicSession\"}]}}")));
        server.stubFor(get(urlPathEqualTo(RO + "/terms/" + termId + "/gradingPeriods"))
                .withHeader("Authorization", equalTo(bearer(tenant)))
                .willReturn(json(200, "{\"academicSessions\":["
                        + period(termId + "-S1", "Semester 1", "2025-08-15", "2025-12-19") + ","
                        + period(termId + "-Q1", "Quarter 1", "2025-08-15", "2025-10-31") + ","
                        + period(termId + "-Q2", "Quarter 2", "2025-11-01", "2025-12-19") + "]}")));
        String list = categories.entrySet().stream()
                .map(e -> "{\"sourcedId\":\"" + e.getKey() + "\",\"status\":\"active\",\"dateLastModified\":"
                        + "\"2025-08-01T00:00:00Z\",\"title\":\"" + e.getValue() + "\"}")
                .collect(Collectors.joining(","));
        server.stubFor(get(urlPathEqualTo(GB + "/classes/" + classId + "/categories"))
                .withHeader("Authorization", equalTo(bearer(tenant)))
                .withHeader("x-vendor-authorization", equalTo(vendor(tenant)))
                .willReturn(json(200, "{\"categories\":[" + list + "]}")));
    }

    private static String period(String id, String title, String start, String end) {
        return "{\"sourcedId\":\"" + id + "\",\"status\":\"active\",\"title\":\"" + title
                + "\",\"type\":\"gradingPeriod\",\"startDate\":\"" + start + "\",\"endDate\":\"" + end + "\"}";
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** An imsx error body as OneRoster providers send it. */
    public static ResponseDefinitionBuilder imsx(int status, String codeMinor,
            String description) {
        return json(status, "{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\",\"imsx_description\":\""
                + description + "\",\"imsx_CodeMinor\":{\"imsx_codeMinorField\":[{\"imsx_codeMinorFieldName\":"
                + "\"TargetEndSystem\",\"imsx_codeMinorFieldValue\":\"" + codeMinor + "\"}]}}");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
