package org.ccsync.eligibility.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ccsync.eligibility.Snapshots.DUE_1;
import static org.ccsync.eligibility.Snapshots.TIMEOUT;
import static org.ccsync.eligibility.Snapshots.assignment;
import static org.ccsync.eligibility.Snapshots.awaitSkips;
import static org.ccsync.eligibility.Snapshots.awaitWrites;
import static org.ccsync.eligibility.Snapshots.roster;
import static org.ccsync.eligibility.Snapshots.score;
import static org.ccsync.eligibility.Snapshots.section;
import static org.ccsync.eligibility.Snapshots.send;
import static org.ccsync.eligibility.Snapshots.student;
import static org.ccsync.eligibility.Snapshots.unique;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decisions counter moves once per published decision, with its district, decision, reason and item kind. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class DecisionMetricsTest {

    private static KafkaTestClient kafka;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void eachDecisionIsCountedOnceWithItsReason() {
        String tenant = unique("metrics");
        String course = unique("c");
        List<SectionDueDate> dates = List.of(new SectionDueDate("s1", "SIS-1", DUE_1));
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-1")),
                List.of(student("u1", "STU-1", "s1"), student("u2", null, "s1"))));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report", dates));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 1);
        awaitCount(tenant, "eligible", "eligible", "line_item", 1);

        ScoreChanged graded = score(tenant, course, "a1", "u1", 2000, 8.5, false, false);
        send(kafka, graded);
        send(kafka, score(tenant, course, "a1", "u2", 2001, 7.0, false, false));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1);
        awaitSkips(kafka, tenant, course, "no_student_sis_id", 1);
        awaitCount(tenant, "eligible", "eligible", "result", 1);
        awaitCount(tenant, "skipped", "no_student_sis_id", "result", 1);

        // A redelivered snapshot (same event id) is dropped as a duplicate; the marker behind it on the same
        // partition shows it has been handled.
        send(kafka, graded);
        send(kafka, assignment(tenant, course, "marker", 1, "Marker", "published", true, false, List.of()));
        awaitSkips(kafka, tenant, course, "post_to_sis_off", 1);
        awaitCount(tenant, "skipped", "post_to_sis_off", "assignment", 1);
        assertThat(count(tenant, "eligible", "eligible", "result")).as("the duplicate is not counted").isEqualTo(1.0);

        send(kafka, assignment(tenant, course, "a1", 3000, "Lab report", "deleted", true, true, dates));
        awaitWrites(kafka, tenant, course, w -> w instanceof DeleteLineItem, 1);
        awaitCount(tenant, "deleted", "deleted", "line_item", 1);
        awaitCount(tenant, "skipped", "deleted", "assignment", 1);
        assertThat(count(tenant, "eligible", "eligible", "line_item")).isEqualTo(1.0);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines())
                .as("the Prometheus series of the post_to_sis_off skip")
                .anySatisfy(line -> assertThat(line)
                        .startsWith("ccsync_eligibility_decisions_total{")
                        .contains("tenant=\"" + tenant + "\"", "decision=\"skipped\"", "reason=\"post_to_sis_off\"",
                                "kind=\"assignment\"")
                        .endsWith(" 1.0"));
    }

    private void awaitCount(String tenant, String decision, String reason, String kind, double expected) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(count(tenant, decision, reason, kind))
                .as("decisions %s/%s/%s of %s", decision, reason, kind, tenant).isEqualTo(expected));
    }

    private double count(String tenant, String decision, String reason, String kind) {
        Counter counter = registry.find(EligibilityMetrics.DECISIONS)
                .tags("tenant", tenant, "decision", decision, "reason", reason, "kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }
}
