package org.ccsync.writer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.writer.CampusWireMock.WM;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.puts;
import static org.ccsync.writer.WriterTestKit.result;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.tree;
import static org.ccsync.writer.WriterTestKit.uid;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusWireMock;

/** Result writes end to end: exact OneRoster body, exempt without a score, stale scores skipped. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
class ResultWriteTest {

    @Test
    void putsTheExactResultWithDateAndStringFlags() {
        String id = uid();
        UpsertResult command = result(WM, "course-" + id, "cls-" + id, "a-" + id, "stu-" + id, 1_757_700_000_000L,
                8.5, false, true, false);

        send(command);

        ItemWritten written = (ItemWritten) awaitOutcomes(command.resultSourcedId(), 1).get(0);
        String base = CampusWireMock.baseUrl();
        String expected = """
                {"result": {
                  "sourcedId": "%1$s", "status": "active", "dateLastModified": "%2$s",
                  "lineItem": {"href": "%3$s%4$s/lineItems/%5$s", "sourcedId": "%5$s", "type": "lineItem"},
                  "student": {"href": "%3$s%6$s/users/stu-%7$s", "sourcedId": "stu-%7$s", "type": "user"},
                  "class": {"href": "%3$s%6$s/classes/cls-%7$s", "sourcedId": "cls-%7$s", "type": "class"},
                  "scoreStatus": "fully graded", "score": 8.5, "scoreDate": "2025-09-12",
                  "late": "true", "missing": "false"}}
                """.formatted(command.resultSourcedId(), Instant.ofEpochMilli(1_757_700_000_000L), base,
                CampusWireMock.GB, command.lineItemSourcedId(), CampusWireMock.RO, id);
        var requests = puts("results", command.resultSourcedId());
        assertThat(requests).hasSize(1);
        assertThat(tree(requests.get(0).getBodyAsString())).isEqualTo(tree(expected));

        assertThat(written.action()).isEqualTo("UPSERTED");
        assertThat(written.score()).isEqualTo(8.5);
        assertThat(written.changedAt()).isEqualTo(command.gradedAt());
        assertThat(written.category()).isNull();
        assertThat(written.item().kind()).isEqualTo(ItemKind.RESULT);
        assertThat(written.item().userId()).isEqualTo(command.userId());
        assertThat(written.item().sourcedId()).isEqualTo(command.resultSourcedId());
    }

    @Test
    void anExcusedScoreIsExemptWithoutAScore() {
        String id = uid();
        UpsertResult command = result(WM, "course-" + id, "cls-" + id, "a-" + id, "stu-" + id, 5, null, true,
                false, false);

        send(command);

        ItemWritten written = (ItemWritten) awaitOutcomes(command.resultSourcedId(), 1).get(0);
        var body = tree(puts("results", command.resultSourcedId()).get(0).getBodyAsString()).path("result");
        assertThat(body.path("scoreStatus").asText()).isEqualTo("exempt");
        assertThat(body.has("score")).isFalse();
        assertThat(body.path("late").isTextual()).isTrue();
        assertThat(written.score()).isNull();
    }

    @Test
    void anOlderScoreAfterANewerOneIsNotWritten() {
        String id = uid();
        UpsertResult newer = result(WM, "course-" + id, "cls-" + id, "a-" + id, "stu-" + id, 20, 9.0, false, false,
                false);
        UpsertResult older = result(WM, "course-" + id, "cls-" + id, "a-" + id, "stu-" + id, 10, 4.0, false, false,
                false);
        UpsertResult marker = result(WM, "course-" + id, "cls-" + id, "a-" + id, "marker-" + id, 1, 1.0, false,
                false, false);

        send(newer);
        send(older);
        send(marker);

        awaitOutcomes(marker.resultSourcedId(), 1);
        var requests = puts("results", newer.resultSourcedId());
        assertThat(requests).hasSize(1);
        assertThat(tree(requests.get(0).getBodyAsString()).path("result").path("score").asDouble()).isEqualTo(9.0);
    }
}
