package org.ccsync.writer.outbound.ic;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.writer.CampusWireMock.TOK;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.lineItem;
import static org.ccsync.writer.WriterTestKit.result;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.uid;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusWireMock;

/** The OAuth2 token is fetched once per district and every gradebook call carries the vendor header. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
class CampusAuthTest {

    @Test
    void oneCachedTokenServesEveryCallAndGradebookCallsCarryTheVendorHeader() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(TOK, classId, "sch-" + id, "term-" + id, Map.of("cat-" + id, "Homework"));
        UpsertLineItem item = lineItem(TOK, "course-" + id, classId, "a-" + id, 1, "Worksheet", "Homework");
        UpsertResult first = result(TOK, "course-" + id, classId, "a-" + id, "s1-" + id, 1, 5.0, false, false, false);
        UpsertResult second = result(TOK, "course-" + id, classId, "a-" + id, "s2-" + id, 1, 6.0, false, false,
                false);

        send(item);
        send(first);
        send(second);

        for (String sourcedId : List.of(item.lineItemSourcedId(), first.resultSourcedId(),
                second.resultSourcedId())) {
            assertThat(((ItemWritten) awaitOutcomes(sourcedId, 1).get(0)).action()).isEqualTo("UPSERTED");
        }
        List<LoggedRequest> tokens = CampusWireMock.server().findAll(postRequestedFor(urlPathEqualTo(
                CampusWireMock.TOKEN_PATH)).withQueryParam("appName", equalTo(CampusWireMock.appName(TOK))));
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).getHeader("Authorization")).isEqualTo(CampusWireMock.basic(TOK));
        // One token serves gradebook and rostering (no separate Roster client), with the OneRoster 1.2 scopes of both.
        assertThat(java.net.URLDecoder.decode(tokens.get(0).getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("grant_type=client_credentials&scope="
                        + "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createput "
                        + "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly "
                        + "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.delete "
                        + "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly "
                        + "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly");

        List<LoggedRequest> gradebook = CampusWireMock.server().findAll(anyRequestedFor(
                urlPathMatching(CampusWireMock.GB + "/.*"))
                .withHeader("Authorization", equalTo(CampusWireMock.bearer(TOK))));
        // The tok district is this test's alone: categories of the class, one lineItem and two results.
        assertThat(gradebook).hasSize(4);
        assertThat(gradebook).allSatisfy(request -> assertThat(request.getHeader("x-vendor-authorization"))
                .isEqualTo(CampusWireMock.vendor(TOK)));
        List<LoggedRequest> rostering = CampusWireMock.server().findAll(anyRequestedFor(
                urlPathMatching(CampusWireMock.RO + "/.*" + id + ".*")));
        assertThat(rostering).hasSize(2);
        assertThat(rostering).allSatisfy(request -> assertThat(request.getHeader("Authorization"))
                .isEqualTo(CampusWireMock.bearer(TOK)));
    }
}
