package org.ccsync.writer.outbound.ic;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.writer.CampusWireMock.GB;
import static org.ccsync.writer.CampusWireMock.NOSCOPE;
import static org.ccsync.writer.CampusWireMock.PAGED;
import static org.ccsync.writer.CampusWireMock.RO;
import static org.ccsync.writer.CampusWireMock.json;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.lineItem;
import static org.ccsync.writer.WriterTestKit.puts;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.tree;
import static org.ccsync.writer.WriterTestKit.uid;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.domain.CampusWriter;

/** Every OneRoster collection is read page by page, and token requests name their scopes unless a district says not. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class PagingAndScopesTest {

    @Test
    void categoriesAndGradingPeriodsOnLaterPagesAreFound() {
        String id = uid();
        String classId = "cls-" + id;
        String termId = "term-" + id;
        var server = CampusWireMock.server();
        server.stubFor(get(urlPathEqualTo(RO + "/classes/" + classId)).willReturn(json(200, "{\"class\":{"
                + "\"sourcedId\":\"" + classId + "\",\"status\":\"active\",\"title\":\"Class\","
                + "\"school\":{\"href\":\"x\",\"sourcedId\":\"sch-" + id + "\",\"type\":\"org\"},"
                + "\"terms\":[{\"href\":\"x\",\"sourcedId\":\"" + termId + "\",\"type\":\"academicSession\"}]}}")));
        String categories = GB + "/classes/" + classId + "/categories";
        // Categories: the Link header says a next page follows.
        server.stubFor(get(urlPathEqualTo(categories)).withQueryParam("offset", equalTo("0"))
                .willReturn(json(200, "{\"categories\":[" + category("c1-" + id, "Homework") + ","
                        + category("c2-" + id, "Tests") + "]}").withHeader("X-Total-Count", "3")
                        .withHeader("Link", "<" + server.baseUrl() + categories + "?limit=2&offset=2>; rel=\"next\"")));
        server.stubFor(get(urlPathEqualTo(categories)).withQueryParam("offset", equalTo("2"))
                .willReturn(json(200, "{\"categories\":[" + category("c3-" + id, "Labs") + "]}")
                        .withHeader("X-Total-Count", "3")));
        // Grading periods: no Link header, so X-Total-Count says a second page follows.
        String periods = RO + "/terms/" + termId + "/gradingPeriods";
        server.stubFor(get(urlPathEqualTo(periods)).withQueryParam("offset", equalTo("0"))
                .willReturn(json(200, "{\"academicSessions\":[" + period("s1-" + id, "2025-08-15", "2025-12-20")
                        + "]}").withHeader("X-Total-Count", "2")));
        server.stubFor(get(urlPathEqualTo(periods)).withQueryParam("offset", equalTo("1"))
                .willReturn(json(200, "{\"academicSessions\":[" + period("q1-" + id, "2025-08-15", "2025-11-01")
                        + "]}").withHeader("X-Total-Count", "2")));
        UpsertLineItem item = lineItem(PAGED, "course-" + id, classId, "a-" + id, 1, "Lab 1", "Labs");

        send(item);

        ItemWritten written = (ItemWritten) awaitOutcomes(item.lineItemSourcedId(), 1).get(0);
        assertThat(written.action()).isEqualTo(CampusWriter.UPSERTED);
        assertThat(written.category()).isEqualTo("Labs");
        assertThat(written.gradingPeriod()).isEqualTo("q1-" + id);
        JsonNode body = tree(puts("lineItems", item.lineItemSourcedId()).get(0).getBodyAsString()).path("lineItem");
        assertThat(body.path("category").path("sourcedId").asText()).isEqualTo("c3-" + id);
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(categories))))
                .extracting(r -> r.queryParameter("offset").firstValue()).containsExactly("0", "2");
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(periods))))
                .extracting(r -> r.queryParameter("limit").firstValue() + "/" + r.queryParameter("offset").firstValue())
                .containsExactly("100/0", "100/1");
    }

    @Test
    void tokenRequestsNameTheirScopesUnlessTheDistrictSaysNot() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(NOSCOPE, classId, "sch-" + id, "term-" + id, Map.of("cat-" + id, "Homework"));
        UpsertLineItem item = lineItem(NOSCOPE, "course-" + id, classId, "a-" + id, 1, "Sheet", "Homework");

        send(item);

        assertThat(((ItemWritten) awaitOutcomes(item.lineItemSourcedId(), 1).get(0)).action())
                .isEqualTo(CampusWriter.UPSERTED);
        List<LoggedRequest> tokens = CampusWireMock.server().findAll(postRequestedFor(urlPathEqualTo(
                CampusWireMock.TOKEN_PATH)).withQueryParam("appName", equalTo(CampusWireMock.appName(NOSCOPE))));
        assertThat(tokens).isNotEmpty().allSatisfy(token -> assertThat(token.getBodyAsString())
                .isEqualTo("grant_type=client_credentials"));
    }

    private static String category(String id, String title) {
        return "{\"sourcedId\":\"" + id + "\",\"status\":\"active\",\"dateLastModified\":\"2025-08-01T00:00:00Z\","
                + "\"title\":\"" + title + "\"}";
    }

    private static String period(String id, String start, String end) {
        return "{\"sourcedId\":\"" + id + "\",\"status\":\"active\",\"title\":\"" + id + "\",\"type\":\"gradingPeriod\","
                + "\"startDate\":\"" + start + "\",\"endDate\":\"" + end + "\"}";
    }
}
