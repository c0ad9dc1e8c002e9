package org.ccsync.writer.domain;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.writer.CampusWireMock.GB;
import static org.ccsync.writer.CampusWireMock.WM;
import static org.ccsync.writer.CampusWireMock.imsx;
import static org.ccsync.writer.CampusWireMock.json;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.kafka;
import static org.ccsync.writer.WriterTestKit.puts;
import static org.ccsync.writer.WriterTestKit.result;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.uid;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.WriterTestKit;

/** How IC failures end: 503 and 429 retried, 422 and bad credentials reported, exhausted and poison to the DLQ. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
class FailureHandlingTest {

    private static UpsertResult score(String id) {
        return result(WM, "course-" + id, "cls-" + id, "a-" + id, "stu-" + id, 1, 7.0, false, false, false);
    }

    /** The first PUT of the result answers {@code first}; the ones after answer 201. */
    private static void firstThenCreated(UpsertResult command,
            ResponseDefinitionBuilder first) {
        String path = GB + "/results/" + command.resultSourcedId();
        String scenario = "flaky-" + command.resultSourcedId();
        CampusWireMock.server().stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("recovered"));
        CampusWireMock.server().stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs("recovered").willReturn(json(201, "{}")));
    }

    private static int tokenRequests(String tenant) {
        return CampusWireMock.server().findAll(postRequestedFor(urlPathEqualTo(CampusWireMock.TOKEN_PATH))
                .withQueryParam("appName", equalTo(CampusWireMock.appName(tenant)))).size();
    }

    @Test
    void a503IsRetriedAndThenWritten() {
        UpsertResult command = score(uid());
        firstThenCreated(command, imsx(503, "server_busy", "Maintenance"));

        send(command);

        ItemWritten written = (ItemWritten) awaitOutcomes(command.resultSourcedId(), 1).get(0);
        assertThat(written.action()).isEqualTo("UPSERTED");
        assertThat(puts("results", command.resultSourcedId())).hasSize(2);
    }

    @Test
    void a429WaitsForRetryAfter() {
        UpsertResult command = score(uid());
        firstThenCreated(command, imsx(429, "server_busy", "Too many requests").withHeader("Retry-After", "1"));

        send(command);

        assertThat(((ItemWritten) awaitOutcomes(command.resultSourcedId(), 1).get(0)).action()).isEqualTo("UPSERTED");
        var requests = puts("results", command.resultSourcedId());
        assertThat(requests).hasSize(2);
        Duration gap = Duration.between(requests.get(0).getLoggedDate().toInstant(),
                requests.get(1).getLoggedDate().toInstant());
        // The configured backoff starts at 20 ms: only the Retry-After explains a wait of a second.
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(990));
    }

    @Test
    void a422FailsTheItemWithIcsDescriptionAndIsNotRetried() {
        UpsertResult command = score(uid());
        CampusWireMock.server().stubFor(put(urlPathEqualTo(GB + "/results/" + command.resultSourcedId()))
                .atPriority(1).willReturn(imsx(422, "invaliddata", "Student is not enrolled in the class")));

        send(command);

        ItemFailed failed = (ItemFailed) awaitOutcomes(command.resultSourcedId(), 1).get(0);
        assertThat(failed.errorCode()).isEqualTo("ic_invaliddata");
        assertThat(failed.error()).contains("Student is not enrolled in the class");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.item().sourcedId()).isEqualTo(command.resultSourcedId());
        assertThat(failed.item().userId()).isEqualTo(command.userId());
        assertThat(puts("results", command.resultSourcedId())).hasSize(1);
    }

    @Test
    void rejectedClientCredentialsFailTheItem() {
        String id = uid();
        UpsertResult command = result(CampusWireMock.BADCREDS, "course-" + id, "cls-" + id, "a-" + id, "stu-" + id,
                1, 7.0, false, false, false);

        send(command);

        ItemFailed failed = (ItemFailed) awaitOutcomes(command.resultSourcedId(), 1).get(0);
        assertThat(failed.errorCode()).isEqualTo("ic_credentials_rejected");
        assertThat(failed.error()).doesNotContain("badcreds-secret");
        assertThat(puts("results", command.resultSourcedId())).isEmpty();
    }

    @Test
    void aGradebook401RefreshesTheTokenOnce() {
        UpsertResult command = score(uid());
        int tokensBefore = tokenRequests(WM);
        firstThenCreated(command, imsx(401, "unauthorisedrequest", "Token expired"));

        send(command);

        assertThat(((ItemWritten) awaitOutcomes(command.resultSourcedId(), 1).get(0)).action()).isEqualTo("UPSERTED");
        int tokensAfter = tokenRequests(WM);
        assertThat(tokensAfter - tokensBefore).isEqualTo(1);
        assertThat(puts("results", command.resultSourcedId())).hasSize(2);
    }

    @Test
    void aWriteThatStaysUnavailableIsReportedAndParkedOnTheDlq() {
        UpsertResult command = score(uid());
        CampusWireMock.server().stubFor(put(urlPathEqualTo(GB + "/results/" + command.resultSourcedId()))
                .atPriority(1).willReturn(imsx(503, "server_busy", "Down for maintenance")));

        send(command);

        ItemFailed failed = (ItemFailed) awaitOutcomes(command.resultSourcedId(), 1).get(0);
        assertThat(failed.errorCode()).isEqualTo("ic_unavailable");
        assertThat(failed.error()).contains("Down for maintenance").contains("campus-writes-dlq");
        assertThat(kafka().awaitRecords(Topics.dlq(Topics.CAMPUS_WRITES),
                r -> r.value() != null && r.value().contains(command.resultSourcedId()), 1, WriterTestKit.WAIT))
                .singleElement().satisfies(r -> assertThat(r.value()).contains("\"type\":\"UpsertResult\""));
        assertThat(puts("results", command.resultSourcedId())).hasSize(3);
    }

    @Test
    void aPoisonRecordGoesToTheDlqAndTheNextRecordIsProcessed() {
        String id = uid();
        String key = "poison-" + id;
        UpsertResult next = score(id);

        kafka().sendRaw(Topics.CAMPUS_WRITES, key, "{\"type\":\"UpsertResult\",\"eventId\":\"" + id + "\", broken");
        send(key, next);

        assertThat(kafka().awaitRecords(Topics.dlq(Topics.CAMPUS_WRITES), r -> key.equals(r.key()), 1,
                WriterTestKit.WAIT)).hasSize(1);
        assertThat(((ItemWritten) awaitOutcomes(next.resultSourcedId(), 1).get(0)).action()).isEqualTo("UPSERTED");
    }

    @Test
    void aDistrictWithoutAnIcConnectionFailsTheItem() {
        String id = uid();
        UpsertResult command = result("nowhere-" + id, "course-" + id, "cls-" + id, "a-" + id, "stu-" + id, 1, 7.0,
                false, false, false);

        send(command);

        ItemFailed failed = (ItemFailed) awaitOutcomes(command.resultSourcedId(), 1).get(0);
        assertThat(failed.errorCode()).isEqualTo("district_not_configured");
        assertThat(failed.error()).contains("nowhere-" + id);
    }
}
