package org.ccsync.sandbox.campus;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** A running simulator plus ready-made authenticated rest-assured requests for its endpoints. */
final class SimulatorFixture implements AutoCloseable {

    final CampusSimulator sim;
    private String token;

    private SimulatorFixture(CampusSimulator sim) {
        this.sim = sim;
    }

    /** The demo district on a random port without latency. */
    static SimulatorFixture start() {
        return start(CampusSimulatorConfig.defaults().withLatencyMillis(0));
    }

    static SimulatorFixture start(CampusSimulatorConfig config) {
        return new SimulatorFixture(CampusSimulator.start(config));
    }

    CampusControl control() {
        return sim.control();
    }

    /** A bearer token obtained once with HTTP Basic credentials. */
    String token() {
        if (token == null) {
            CampusSimulatorConfig config = sim.config();
            token = given().auth().preemptive().basic(config.clientId(), config.clientSecret())
                    .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                    .post(sim.tokenUrl())
                    .then().statusCode(200).extract().path("access_token");
        }
        return token;
    }

    /** A gradebook request with bearer token and vendor header. */
    RequestSpecification gradebook() {
        return given().baseUri(sim.gradebookUrl())
                .header("Authorization", "Bearer " + token())
                .header("x-vendor-authorization", sim.config().vendorAuthorization())
                .contentType(ContentType.JSON);
    }

    /** A rostering request with the bearer token only. */
    RequestSpecification rostering() {
        return given().baseUri(sim.rosteringUrl()).header("Authorization", "Bearer " + token());
    }

    @Override
    public void close() {
        sim.close();
    }
}
