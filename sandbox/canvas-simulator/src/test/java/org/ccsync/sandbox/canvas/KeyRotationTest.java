package org.ccsync.sandbox.canvas;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;

import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyRotationTest {

    private static CanvasSimulator sim;

    @BeforeAll
    static void start() {
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonPath jwks() {
        return given().get(sim.jwksUrl()).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void jwksPublishesThreePublicRsaSigningKeys() {
        JsonPath keys = jwks();
        assertThat(keys.getList("keys.kid")).hasSize(3).doesNotHaveDuplicates();
        assertThat(keys.getList("keys.kty")).containsOnly("RSA");
        assertThat(keys.getList("keys.alg")).containsOnly("RS256");
        assertThat(keys.getList("keys.use")).containsOnly("sig");
        assertThat(keys.getList("keys.e")).doesNotContainNull();
        assertThat(keys.getList("keys.n", String.class)).allSatisfy(n -> assertThat(n.length()).isEqualTo(342));
        assertThat(keys.getList("keys.d")).containsOnlyNulls();
        assertThat(keys.getList("keys.kid").get(1)).isEqualTo(sim.control().currentKeyId());
    }

    @Test
    void rotationKeepsThePreviousKeySoOlderEventsStillVerify() throws Exception {
        sim.control().reset();
        List<String> before = jwks().getList("keys.kid");
        sim.control().gradeSubmission(101, 417, 5002, GradeChange.score(10));
        String signedBefore = sim.control().events().get(0).payload();

        String newCurrent = control(sim).post("/sim/keys/rotate").then().statusCode(200).extract()
                .path("current_kid");

        List<String> after = jwks().getList("keys.kid");
        assertThat(newCurrent).isEqualTo(before.get(2));
        assertThat(after.subList(0, 2)).containsExactly(before.get(1), before.get(2));
        assertThat(after.get(2)).isNotIn(before);
        String jwksAfter = given().get(sim.jwksUrl()).asString();
        assertThat(JwsVerification.verifiedClaims(signedBefore, jwksAfter).at("/metadata/event_name").asText())
                .isEqualTo("grade_change");

        sim.control().gradeSubmission(101, 417, 5002, GradeChange.score(11));
        String signedAfter = sim.control().events().get(2).payload();
        assertThat(JwsVerification.kid(signedAfter)).isEqualTo(newCurrent);
        assertThat(JwsVerification.verifiedClaims(signedAfter, jwksAfter).at("/body/score").asDouble())
                .isEqualTo(11.0);

        sim.control().rotateKeys();
        sim.control().rotateKeys();
        String jwksLater = given().get(sim.jwksUrl()).asString();
        assertThatThrownBy(() -> JwsVerification.verifiedClaims(signedBefore, jwksLater))
                .hasMessageContaining("unknown kid");
    }
}
