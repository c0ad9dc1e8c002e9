package org.ccsync.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.CanvasFixture;
import org.ccsync.ingest.CanvasWireMockResource;
import org.ccsync.testsupport.EmbeddedPostgresServer;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.ccsync.testsupport.SharedInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped while a grading burst's triggers arrive (the case that once parked every trigger of the burst on
 * canvas-triggers-dlq), then started again: the triggers wait, are re-read once it is back, and none is parked.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasWireMockResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    private static final String TENANT = CanvasWireMockResource.SIGNED;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final EmbeddedPostgresServer postgres = SharedInfra.postgres();
    private CanvasFixture canvas;

    @BeforeEach
    void setUp() {
        canvas = CanvasFixture.connect();
    }

    @AfterEach
    void databaseBack() {
        postgres.restart();
    }

    @Test
    void triggersThatArriveWhileTheDatabaseIsDownAreReReadWhenItIsBackAndNoneIsDeadLettered() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        canvas.assignment(courseId, "8801");
        canvas.submissions(courseId, "8801");
        String key = TENANT + "/" + courseId;

        postgres.stop();
        Instant at = Instant.now().minusSeconds(5);
        for (String user : new String[] {"501", "502"}) {
            CanvasEventReceived trigger = new CanvasEventReceived(
                    EventIds.of("canvas-event", TENANT, "grade_change", courseId, "8801", user, at), Instant.now(),
                    TENANT, courseId, "grade_change", ChangeScope.SCORE, "8801", user, at.toEpochMilli());
            kafka.sendJson(Topics.CANVAS_TRIGGERS, key, trigger);
        }
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> kafka.currentRecords(
                Topics.dlq(Topics.CANVAS_TRIGGERS), r -> key.equals(r.key())).isEmpty());

        postgres.restart();
        assertThat(kafka.awaitRecords(Topics.CANVAS_CHANGES,
                r -> key.equals(r.key()) && r.value().contains("\"type\":\"ScoreChanged\""), 1,
                Duration.ofSeconds(60))).isNotEmpty();
        assertThat(kafka.currentRecords(Topics.dlq(Topics.CANVAS_TRIGGERS), r -> key.equals(r.key())))
                .as("an outage parks nothing").isEmpty();
    }
}
