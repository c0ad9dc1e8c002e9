package org.ccsync.status.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.ccsync.contracts.Topics;
import org.ccsync.status.Events;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.EmbeddedPostgresServer;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.ccsync.testsupport.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped while outcomes arrive, then started again: the consumers wait the outage out and fold every
 * outcome once it is back; nothing reaches sync-outcomes-dlq or canvas-changes-dlq.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    private static final String TENANT = "outage";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static final Events events = new Events(kafka, TENANT);

    private final EmbeddedPostgresServer postgres = SharedInfra.postgres();

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @AfterEach
    void databaseBack() {
        postgres.restart();
    }

    @Test
    void outcomesThatArriveWhileTheDatabaseIsDownAreFoldedWhenItIsBackAndNoneIsDeadLettered() {
        String course = "c-" + UUID.randomUUID();
        events.change(events.roster(course, 1, "Chemistry", "t@outage.example.org", "5001", "5002"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.admin(TENANT))
                .get("/api/districts/" + TENANT + "/courses/" + course).then().statusCode(200));

        postgres.stop();
        events.change(events.assignment(course, "401", 10, "Quiz 1"));
        events.outcome(events.lineItemWritten(course, "401", 10, "Quizzes", "GP-Q2"));
        events.outcome(events.resultWritten(course, "401", "5001", 11, 9.5));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> dead(course) == 0);

        postgres.restart();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin(TENANT))
                .get("/api/districts/" + TENANT + "/courses/" + course).then().statusCode(200)
                .body("counts.written", equalTo(2)));
        assertThat(dead(course)).as("an outage parks nothing").isZero();
    }

    private static long dead(String course) {
        return kafka.currentRecords(Topics.dlq(Topics.SYNC_OUTCOMES), r -> r.value().contains(course)).size()
                + kafka.currentRecords(Topics.dlq(Topics.CANVAS_CHANGES), r -> r.value().contains(course)).size();
    }
}
