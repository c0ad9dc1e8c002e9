package org.ccsync.sandbox.campus;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

/** The OAuth2 client-credentials endpoint: Basic and form credentials, failures and expiry. */
class TokenEndpointTest {

    private static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SimulatorFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.control().reset();
    }

    @Test
    void basicCredentialsGetABearerToken() {
        given().auth().preemptive().basic("demo-client", "demo-secret")
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post(fixture.sim.tokenUrl())
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("access_token", not(emptyOrNullString()))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", equalTo(String.join(" ", OneRosterContract.get().knownScopes())));
        assertThat(fixture.control().stats().tokensIssued()).isEqualTo(1);
    }

    @Test
    void formCredentialsGetATokenWithTheRequestedScope() {
        String scope = "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly";
        String token = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "demo-client")
                .formParam("client_secret", "demo-secret")
                .formParam("scope", scope)
                .post(fixture.sim.tokenUrl())
                .then().statusCode(200).body("scope", equalTo(scope))
                .extract().path("access_token");

        given().baseUri(fixture.sim.gradebookUrl()).header("Authorization", "Bearer " + token)
                .header("x-vendor-authorization", "demo-vendor:demo-vendor-secret")
                .get("/classes/SEC-BIO1-P1/categories")
                .then().statusCode(200);
    }

    @Test
    void rejectedCredentialsRevokeIssuedTokensUntilAcceptedAgain() {
        String token = basicToken();
        assertThat(fixture.control().issuedTokens()).contains(token);

        fixture.control().rejectCredentials();
        given().auth().preemptive().basic("demo-client", "demo-secret")
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post(fixture.sim.tokenUrl())
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().baseUri(fixture.sim.gradebookUrl()).header("Authorization", "Bearer " + token)
                .header("x-vendor-authorization", "demo-vendor:demo-vendor-secret")
                .get("/classes/SEC-BIO1-P1/categories")
                .then().statusCode(401);

        fixture.control().acceptCredentials();
        String fresh = basicToken();
        given().baseUri(fixture.sim.gradebookUrl()).header("Authorization", "Bearer " + fresh)
                .header("x-vendor-authorization", "demo-vendor:demo-vendor-secret")
                .get("/classes/SEC-BIO1-P1/categories")
                .then().statusCode(200);
        assertThat(fixture.control().issuedTokens()).endsWith(token, fresh);
    }

    private static String basicToken() {
        return given().auth().preemptive().basic("demo-client", "demo-secret")
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post(fixture.sim.tokenUrl())
                .then().statusCode(200).extract().path("access_token");
    }

    @Test
    void wrongBasicSecretIsInvalidClient() {
        given().auth().preemptive().basic("demo-client", "wrong")
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post(fixture.sim.tokenUrl())
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        assertThat(fixture.control().stats().tokensIssued()).isZero();
    }

    @Test
    void wrongFormClientIdIsInvalidClient() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "someone-else")
                .formParam("client_secret", "demo-secret")
                .post(fixture.sim.tokenUrl())
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void missingCredentialsAreInvalidClient() {
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post(fixture.sim.tokenUrl())
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void wrongAppNameIsRejected() {
        given().auth().preemptive().basic("demo-client", "demo-secret")
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post(fixture.sim.baseUrl() + "/campus/oauth2/token?appName=other")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        given().auth().preemptive().basic("demo-client", "demo-secret")
                .contentType(ContentType.URLENC).formParam("grant_type", "password")
                .post(fixture.sim.tokenUrl())
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void tokensExpireAfterTheirTtl() {
        try (SimulatorFixture shortLived = SimulatorFixture.start(
                CampusSimulatorConfig.defaults().withLatencyMillis(0).withTokenTtlSeconds(1))) {
            given().auth().preemptive().basic("demo-client", "demo-secret")
                    .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                    .post(shortLived.sim.tokenUrl())
                    .then().statusCode(200).body("expires_in", equalTo(1));
            shortLived.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(200);

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    shortLived.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(401)
                            .body("imsx_description", equalTo("the access token is invalid or expired")));
        }
    }
}
