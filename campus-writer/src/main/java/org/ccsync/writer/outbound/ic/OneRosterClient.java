package org.ccsync.writer.outbound.ic;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccsync.writer.platform.WriterConfig;

/**
 * The OneRoster 1.2 calls the writer makes to each district's Infinite Campus: gradebook writes (PUT, batch POST,
 * DELETE, a 404 on delete being the same end state) and reads (categories, lineItems, results), and rostering reads
 * (classes, grading periods, students). {@link IcCaller} makes each call: OAuth2 tokens asking for the scopes below
 * ({@link IcToken}), the vendor header, paging, backoff, the district's circuit; {@link IcReply} maps IC's errors.
 */
@ApplicationScoped
public class OneRosterClient {

    static final String SCOPE = "https://purl.imsglobal.org/spec/or/v1p2/scope/";
    /** The gradebook scopes of the calls the writer makes: PUT, GET and DELETE by sourcedId. */
    public static final List<String> GRADEBOOK_SCOPES = List.of(SCOPE + "gradebook.createput",
            SCOPE + "gradebook.readonly", SCOPE + "gradebook.delete");
    /** The scope of OneRoster 1.2's batch POSTs. */
    public static final String CREATEPOST_SCOPE = SCOPE + "gradebook.createpost";
    /** getClass and getAllClasses take roster-core; a class's students and a term's grading periods need roster. */
    public static final List<String> ROSTER_SCOPES = List.of(SCOPE + "roster-core.readonly",
            SCOPE + "roster.readonly");

    /** The error code of a rostering call refused for its credentials (not the district's gradebook credentials). */
    public static final String ROSTERING_REJECTED = "ic_rostering_rejected";

    private final IcCaller caller;

    public OneRosterClient(IcCaller caller) {
        this.caller = caller;
    }

    /** The district's settings, or a rejection when the tenant has no IC connection configured. */
    public WriterConfig.District district(String tenant) {
        return caller.district(tenant);
    }

    /** Absolute URL of a gradebook resource, used as a GUIDRef href. */
    public String gradebookHref(String tenant, String collection, String sourcedId) {
        return base(tenant) + "/campus" + OneRosterApi.GRADEBOOK + "/" + collection + "/" + sourcedId;
    }

    /** Absolute URL of a rostering resource, used as a GUIDRef href. */
    public String rosteringHref(String tenant, String collection, String sourcedId) {
        return base(tenant) + "/campus" + OneRosterApi.ROSTERING + "/" + collection + "/" + sourcedId;
    }

    /** Whether the district reads rostering with its own Roster client rather than the Grade Book Sync one. */
    public boolean separateRosteringClient(String tenant) {
        return district(tenant).rosteringClientId().isPresent();
    }

    public void putLineItem(String tenant, String sourcedId, String body) {
        caller.call(tenant, "put_line_item", "PUT lineItem " + sourcedId, true,
                (c, bearer) -> c.api.putLineItem(sourcedId, bearer, c.vendor, body));
    }

    public void putResult(String tenant, String sourcedId, String body) {
        caller.call(tenant, "put_result", "PUT result " + sourcedId, true,
                (c, bearer) -> c.api.putResult(sourcedId, bearer, c.vendor, body));
    }

    /**
     * Creates or replaces many results of one lineItem in one {@code POST /lineItems/{id}/results}.
     *
     * @return the sourcedId IC allocated to each supplied one, as its {@code sourcedIdPairs} report them
     */
    public Map<String, String> postResults(String tenant, String lineItemSourcedId, String body, int count) {
        IcReply reply = caller.call(tenant, "post_results", "POST " + count + " results of lineItem "
                + lineItemSourcedId, true,
                (c, bearer) -> c.api.postResults(lineItemSourcedId, bearer, c.vendor, body));
        return caller.read(reply, OneRosterAnswers.BatchStored.class).allocated();
    }

    /** Deletes a lineItem (IC deletes its results with it); false when IC did not have it: the same end state. */
    public boolean deleteLineItem(String tenant, String sourcedId) {
        return caller.delete(tenant, "delete_line_item", "DELETE lineItem " + sourcedId,
                (c, bearer) -> c.api.deleteLineItem(sourcedId, bearer, c.vendor));
    }

    /** Deletes a result; false when IC did not have it, which leaves the same end state. */
    public boolean deleteResult(String tenant, String sourcedId) {
        return caller.delete(tenant, "delete_result", "DELETE result " + sourcedId,
                (c, bearer) -> c.api.deleteResult(sourcedId, bearer, c.vendor));
    }

    /** The active categories of a class. */
    public List<IcCategory> categories(String tenant, String classSourcedId) {
        List<IcCategory> categories = new ArrayList<>();
        for (JsonNode node : caller.readAll(tenant, "categories", "GET categories of class " + classSourcedId, true,
                "categories", (c, bearer, limit, offset) -> c.api.categories(classSourcedId, bearer, c.vendor, limit,
                        offset))) {
            if (active(node)) {
                categories.add(new IcCategory(node.path("sourcedId").asText(), node.path("title").asText()));
            }
        }
        return categories;
    }

    /** Every lineItem IC holds for a class, every page, by sourcedId (those marked {@code tobedeleted} left out). */
    public Map<String, JsonNode> lineItemsOfClass(String tenant, String classSourcedId) {
        return bySourcedId(caller.readAll(tenant, "get_line_items", "GET lineItems of class " + classSourcedId, true,
                "lineItems", (c, bearer, limit, offset) -> c.api.lineItemsOfClass(classSourcedId, bearer, c.vendor,
                        limit, offset)));
    }

    /** Every result IC holds for a lineItem of a class, every page, by sourcedId. */
    public Map<String, JsonNode> resultsOfLineItem(String tenant, String classSourcedId, String lineItemSourcedId) {
        return bySourcedId(caller.readAll(tenant, "get_results", "GET results of lineItem " + lineItemSourcedId, true,
                "results", (c, bearer, limit, offset) -> c.api.resultsOfLineItem(classSourcedId, lineItemSourcedId,
                        bearer, c.vendor, limit, offset)));
    }

    private static Map<String, JsonNode> bySourcedId(List<JsonNode> nodes) {
        Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        for (JsonNode node : nodes) {
            if (active(node)) {
                byId.put(node.path("sourcedId").asText(), node);
            }
        }
        return byId;
    }

    /** The school and terms of a class, from rostering. */
    public IcClass rosterClass(String tenant, String classSourcedId) {
        OneRosterAnswers.RosterClass found = caller.read(caller.call(tenant, "roster", "GET class " + classSourcedId,
                false, (c, bearer) -> c.api.rosterClass(classSourcedId, bearer)), OneRosterAnswers.ClassAnswer.class)
                .found();
        return new IcClass(classSourcedId, found.schoolId(), found.termIds());
    }

    /** The active grading periods of a term, from rostering. */
    public List<IcGradingPeriod> gradingPeriods(String tenant, String termSourcedId) {
        List<IcGradingPeriod> periods = new ArrayList<>();
        for (JsonNode node : caller.readAll(tenant, "roster", "GET grading periods of term " + termSourcedId, false,
                "academicSessions", (c, bearer, limit, offset) -> c.api.gradingPeriods(termSourcedId, bearer, limit,
                        offset))) {
            if (active(node)) {
                periods.add(new IcGradingPeriod(node.path("sourcedId").asText(), node.path("title").asText(null),
                        date(node.path("startDate")), date(node.path("endDate"))));
            }
        }
        return periods;
    }

    /** A class of rostering by its sourcedId; empty when IC has no such class (404). */
    public Optional<JsonNode> findClass(String tenant, String classSourcedId) {
        try {
            return Optional.of(caller.read(caller.call(tenant, "roster", "GET class " + classSourcedId, false,
                    (c, bearer) -> c.api.rosterClass(classSourcedId, bearer))).path("class"));
        } catch (WriteFailure failure) {
            if (failure.status() == 404) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** The classes a OneRoster filter such as {@code classCode='BIO-1'} selects, every page. */
    public List<JsonNode> classes(String tenant, String filter) {
        return caller.readAll(tenant, "roster", "GET classes where " + filter, false, "classes",
                (c, bearer, limit, offset) -> c.api.classes(filter, bearer, limit, offset));
    }

    /** The students of a class, every page. */
    public List<JsonNode> students(String tenant, String classSourcedId) {
        return caller.readAll(tenant, "roster", "GET students of class " + classSourcedId, false, "users",
                (c, bearer, limit, offset) -> c.api.students(classSourcedId, bearer, limit, offset));
    }

    private String base(String tenant) {
        String url = district(tenant).campusBaseUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean active(JsonNode node) {
        return !"tobedeleted".equalsIgnoreCase(node.path("status").asText(""));
    }

    private static LocalDate date(JsonNode node) {
        String text = node.asText("");
        return text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
    }
}
