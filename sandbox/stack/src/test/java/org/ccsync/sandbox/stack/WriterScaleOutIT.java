package org.ccsync.sandbox.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.sandbox.campus.CampusSimulatorConfig;
import org.ccsync.sandbox.campus.CampusStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two campus-writer replicas in one consumer group never exceed the district's IC concurrency cap together, and
 * every score still lands.
 */
class WriterScaleOutIT {

    private static final int CAP = 2;
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        String prefix = "ccsync.districts." + LocalStack.TENANT + ".";
        stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "it-writer-scale-out")
                .withCampus(CampusSimulatorConfig.defaults().withMaxConcurrent(CAP).withLatencyMillis(40))
                .withWriterReplicas(2)
                .withServiceProperty("campus-writer", prefix + "max-concurrent-peak", Integer.toString(CAP))
                .withServiceProperty("campus-writer", prefix + "max-concurrent-off-peak", Integer.toString(CAP)));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoWritersKeepTheDistrictCapAndWriteEveryScore() {
        assertThat(stack.services()).extracting(ServiceProcess::name)
                .contains("campus-writer", "campus-writer-2");

        stack.requestFullSync(List.of("101", "102"), "scale-out-test");

        Map<String, Double> expected = Map.of(
                result("401", "SEC-BIO1-P1", "5001"), 9.5,
                result("401", "SEC-BIO1-P2", "5005"), 10.0,
                result("417", "SEC-BIO1-P2", "5005"), 14.0,
                result("421", "SEC-ALG1-P3", "5007"), 45.0,
                result("422", "SEC-ALG1-P3", "5008"), 10.0);
        await().atMost(BOUND).untilAsserted(() -> {
            Map<String, JsonNode> results = stack.campus().control().results();
            expected.forEach((sourcedId, score) -> {
                assertThat(results).as("IC results").containsKey(sourcedId);
                assertThat(results.get(sourcedId).path("score").asDouble()).as("score of %s", sourcedId)
                        .isEqualTo(score);
            });
        });

        CampusStats stats = stack.campus().control().stats();
        assertThat(stats.rejectedBusy()).as("requests IC refused as over the cap").isZero();
        assertThat(stats.peakConcurrency()).as("peak concurrent IC requests").isBetween(1, CAP);
        assertThat(stack.campus().control().lineItems().keySet())
                .as("one lineItem per assignment and class, never a duplicate")
                .contains(SourcedIds.lineItem(LocalStack.TENANT, "401", "SEC-BIO1-P1"),
                        SourcedIds.lineItem(LocalStack.TENANT, "401", "SEC-BIO1-P2"),
                        SourcedIds.lineItem(LocalStack.TENANT, "421", "SEC-ALG1-P3"));
        assertThat(stack.campus().control().requests())
                .as("every lineItem was created once and then only updated")
                .filteredOn(r -> r.method().equals("PUT") && r.path().contains("/lineItems/") && r.status() == 201)
                .extracting(r -> r.path())
                .doesNotHaveDuplicates();
    }

    private static String result(String assignment, String classId, String user) {
        return SourcedIds.result(SourcedIds.lineItem(LocalStack.TENANT, assignment, classId), "STU-" + user);
    }
}
