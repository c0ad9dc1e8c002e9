package org.ccsync.sandbox.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.sandbox.canvas.EmittedEvent;
import org.ccsync.sandbox.canvas.GradeChange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thin path through all four services on a real broker and database: a grade changed in the Canvas simulator
 * travels as a signed Live Event, is re-read, judged eligible, written to the IC simulator, and shows in status.
 */
class ThinPathIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "it-thin-path"));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aGradeChangedInCanvasReachesInfiniteCampusAndStatus() {
        stack.canvas().control().gradeSubmission(101, 401, 5001, GradeChange.score(7.5));

        String lineItem = SourcedIds.lineItem(LocalStack.TENANT, "401", "SEC-BIO1-P1");
        String result = SourcedIds.result(lineItem, "STU-5001");
        await().atMost(BOUND).untilAsserted(() -> {
            JsonNode stored = stack.campus().control().results().get(result);
            assertThat(stored).as("result %s in the IC simulator", result).isNotNull();
            assertThat(stored.path("score").asDouble()).isEqualTo(7.5);
            assertThat(stored.path("scoreStatus").asText()).isEqualTo("fully graded");
        });
        JsonNode storedLineItem = stack.campus().control().lineItems().get(lineItem);
        assertThat(storedLineItem.path("title").asText()).isEqualTo("Cell Structure Quiz");
        assertThat(storedLineItem.path("category").path("sourcedId").asText()).isEqualTo("CAT-SEC-BIO1-P1-QUIZZES");

        assertThat(stack.canvas().control().events())
                .as("the change travelled as a signed Live Event the webhook accepted")
                .anySatisfy(event -> {
                    assertThat(event.eventName()).isEqualTo("grade_change");
                    assertThat(event.delivery()).isEqualTo(EmittedEvent.Delivery.DELIVERED);
                    assertThat(event.status()).isEqualTo(202);
                    assertThat(event.contentType()).isEqualTo("application/jwt");
                });

        await().atMost(BOUND).untilAsserted(() -> given().baseUri(stack.statusUrl())
                .auth().oauth2(stack.adminToken())
                .get("/api/districts/demo/courses/101")
                .then().statusCode(200)
                .body("lastSuccessfulSyncAt", notNullValue())
                .body("counts.written", greaterThanOrEqualTo(2)));
    }
}
