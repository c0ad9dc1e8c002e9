package org.ccsync.sandbox.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.sandbox.campus.CampusSimulatorConfig;

/**
 * Does IC equal Canvas? Read from the outside only: Canvas over its REST API, IC over OneRoster GETs, and the reasons
 * the status API gives for what does not sync; never the project's own databases. What IC must hold is computed by
 * the plain rules (a published course; a published, graded assignment with "Sync to SIS" in each section it targets
 * that has an SIS id; each posted score of an active student with an SIS id); an item those rules expect but IC
 * lacks counts as lost unless the status API names why it does not sync (the rules a district tunes: names, due dates,
 * categories, grading periods, ...).
 *
 * <p>Its own IC reads run one at a time: run it once the writes have settled, or poll it until it converges.
 */
public final class ConvergenceCheck {

    /** What the check found; converged when nothing is lost, stale, duplicated or extra. */
    public record Report(int expectedResults, int equalResults, List<String> lost, List<String> stale,
            List<String> duplicates, List<String> extra) {

        public boolean converged() {
            return lost.isEmpty() && stale.isEmpty() && duplicates.isEmpty() && extra.isEmpty();
        }

        /** Expected results IC holds with Canvas's values, in percent (100 with none expected). */
        public double percent() {
            return expectedResults == 0 ? 100.0 : 100.0 * equalResults / expectedResults;
        }

        @Override
        public String toString() {
            return String.format("%d of %d results equal (%.1f %%); lost %s; stale %s; duplicates %s; extra %s",
                    equalResults, expectedResults, percent(), first(lost), first(stale), first(duplicates),
                    first(extra));
        }

        private static String first(List<String> list) {
            return list.size() + (list.isEmpty() ? "" : " " + list.subList(0, Math.min(3, list.size())));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final String GRADEBOOK = "/campus/api/ims/oneroster/gradebook/v1p2";
    private static final Pattern TRANSIENT = Pattern.compile("unavailable|unreachable|busy|circuit|timeout|throttl"
            + "|held|retries|http_5");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String tenant;
    private final String canvasUrl;
    private final String canvasToken;
    private final String campusUrl;
    private final CampusSimulatorConfig campus;
    private final String statusUrl;
    private final String statusToken;

    public ConvergenceCheck(String tenant, String canvasUrl, String canvasToken, String campusUrl,
            CampusSimulatorConfig campus, String statusUrl, String statusToken) {
        this.tenant = tenant;
        this.canvasUrl = canvasUrl;
        this.canvasToken = canvasToken;
        this.campusUrl = campusUrl;
        this.campus = campus;
        this.statusUrl = statusUrl;
        this.statusToken = statusToken;
    }

    /** The check of a local stack's demo district. */
    public static ConvergenceCheck of(LocalStack stack) {
        return new ConvergenceCheck(LocalStack.TENANT, stack.canvas().baseUrl(), stack.canvas().config().apiToken(),
                stack.campus().baseUrl(), stack.campus().config(), stack.statusUrl(), stack.adminToken());
    }

    /** Compares IC with Canvas for the courses. */
    public Report check(List<String> courseIds) {
        List<JsonNode> lineItems = icCollection("lineItems");
        List<JsonNode> results = icCollection("results");
        Map<String, JsonNode> icLineItems = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        Set<String> titlesPerClass = new HashSet<>();
        for (JsonNode item : lineItems) {
            if (!"active".equals(item.path("status").asText("active"))) {
                continue;
            }
            icLineItems.put(item.path("sourcedId").asText(), item);
            String key = item.path("class").path("sourcedId").asText() + "/" + item.path("title").asText();
            if (!titlesPerClass.add(key)) {
                duplicates.add("lineItem title twice in a class: " + key);
            }
        }
        Map<String, JsonNode> icResults = new HashMap<>();
        for (JsonNode result : results) {
            if ("active".equals(result.path("status").asText("active"))) {
                icResults.put(result.path("sourcedId").asText(), result);
            }
        }

        List<String> lost = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        int expected = 0;
        int equal = 0;
        Set<String> ours = new HashSet<>();
        for (String courseId : courseIds) {
            Course course = readCourse(courseId);
            ours.addAll(course.lineItemIds());
            Map<String, String> reasons = course.reasons();
            for (ExpectedLineItem line : course.expected()) {
                if (!icLineItems.containsKey(line.sourcedId())) {
                    if (!reasons.containsKey(line.sourcedId()) && !reasons.containsKey(line.assignmentKey())) {
                        lost.add("lineItem " + line.sourcedId() + " (assignment " + line.assignmentId() + ", class "
                                + line.classId() + ")");
                    }
                    continue;
                }
                for (ExpectedResult want : line.results()) {
                    JsonNode have = icResults.get(want.sourcedId());
                    if (!want.graded()) {
                        if (have != null && have.path("score").isNumber() && !reasons.containsKey(want.sourcedId())) {
                            stale.add("result " + want.sourcedId() + " still scored " + have.path("score").asText()
                                    + " in IC, ungraded in Canvas");
                        }
                        continue;
                    }
                    expected++;
                    if (have == null) {
                        if (!reasons.containsKey(want.sourcedId())) {
                            lost.add("result " + want.sourcedId() + " (" + want + ")");
                        } else {
                            equal++;
                        }
                        continue;
                    }
                    String difference = want.differenceFrom(have);
                    if (difference == null) {
                        equal++;
                    } else if (reasons.containsKey(want.sourcedId())) {
                        equal++;
                    } else {
                        stale.add("result " + want.sourcedId() + ": " + difference);
                    }
                }
            }
            Set<String> expectedIds = new HashSet<>();
            course.expected().forEach(line -> expectedIds.add(line.sourcedId()));
            for (String id : course.lineItemIds()) {
                if (icLineItems.containsKey(id) && !expectedIds.contains(id) && !reasons.containsKey(id)
                        && !reasons.containsKey(course.assignmentKeyOf(id))) {
                    extra.add("lineItem " + id + " in IC, not synced by the rules, and no reason given");
                }
            }
        }
        return new Report(expected, equal, lost, stale, duplicates, extra);
    }

    /** One lineItem the rules expect, with what each of its students' results must be. */
    record ExpectedLineItem(String sourcedId, String assignmentId, String classId, List<ExpectedResult> results) {

        String assignmentKey() {
            return "assignment/" + assignmentId;
        }
    }

    /** A student's submission as IC must show it; {@code graded} false: IC must hold no score. */
    record ExpectedResult(String sourcedId, boolean graded, Double score, boolean excused, boolean late,
            boolean missing) {

        /** What IC holds differently, or null when equal. */
        String differenceFrom(JsonNode have) {
            boolean exempt = "exempt".equals(have.path("scoreStatus").asText());
            if (excused != exempt) {
                return "exempt in Canvas " + excused + ", in IC " + exempt;
            }
            if (!excused && !Objects.equals(score, have.path("score").isNumber() ? have.path("score").asDouble()
                    : null)) {
                return "score in Canvas " + score + ", in IC " + have.path("score").asText();
            }
            if (late != Boolean.parseBoolean(have.path("late").asText("false"))) {
                return "late in Canvas " + late + ", in IC " + have.path("late").asText();
            }
            if (missing != Boolean.parseBoolean(have.path("missing").asText("false"))) {
                return "missing in Canvas " + missing + ", in IC " + have.path("missing").asText();
            }
            return null;
        }
    }

    /** A course as Canvas and the status API describe it. */
    private record Course(List<ExpectedLineItem> expected, Set<String> lineItemIds,
            Map<String, String> assignmentOfLineItem, Map<String, String> reasons) {

        String assignmentKeyOf(String lineItemId) {
            return "assignment/" + assignmentOfLineItem.get(lineItemId);
        }
    }

    private Course readCourse(String courseId) {
        JsonNode course = canvasOne("/api/v1/courses/" + courseId + "?include[]=concluded");
        boolean syncing = "available".equals(course.path("workflow_state").asText())
                && !course.path("concluded").asBoolean(false);
        List<JsonNode> sections = canvasList("/api/v1/courses/" + courseId + "/sections?per_page=100");
        Map<String, String> sisOfSection = new HashMap<>();
        sections.forEach(s -> sisOfSection.put(s.path("id").asText(), text(s.path("sis_section_id"))));
        Map<String, List<String[]>> studentsOfSection = new HashMap<>();
        for (JsonNode enrollment : canvasList("/api/v1/courses/" + courseId
                + "/enrollments?type[]=StudentEnrollment&state[]=active&per_page=100")) {
            String sis = text(enrollment.path("sis_user_id"));
            if (sis == null) {
                sis = text(enrollment.path("user").path("sis_user_id"));
            }
            if (sis != null) {
                studentsOfSection.computeIfAbsent(enrollment.path("course_section_id").asText(), k -> new ArrayList<>())
                        .add(new String[] {enrollment.path("user_id").asText(), sis});
            }
        }
        Map<String, JsonNode> submissions = new HashMap<>();
        for (JsonNode submission : canvasList("/api/v1/courses/" + courseId
                + "/students/submissions?student_ids[]=all&per_page=100")) {
            submissions.put(submission.path("assignment_id").asText() + "/" + submission.path("user_id").asText(),
                    submission);
        }
        List<ExpectedLineItem> expected = new ArrayList<>();
        Set<String> lineItemIds = new HashSet<>();
        Map<String, String> assignmentOfLineItem = new HashMap<>();
        for (JsonNode assignment : canvasList("/api/v1/courses/" + courseId
                + "/assignments?include[]=overrides&per_page=100")) {
            String assignmentId = assignment.path("id").asText();
            for (String sis : sisOfSection.values()) {
                if (sis != null) {
                    String id = SourcedIds.lineItem(tenant, assignmentId, sis);
                    lineItemIds.add(id);
                    assignmentOfLineItem.put(id, assignmentId);
                }
            }
            if (!syncing || !eligible(assignment)) {
                continue;
            }
            for (String sectionId : targetedSections(assignment, sisOfSection.keySet())) {
                String classId = sisOfSection.get(sectionId);
                if (classId == null) {
                    continue;
                }
                String lineItem = SourcedIds.lineItem(tenant, assignmentId, classId);
                List<ExpectedResult> results = new ArrayList<>();
                for (String[] student : studentsOfSection.getOrDefault(sectionId, List.of())) {
                    JsonNode submission = submissions.get(assignmentId + "/" + student[0]);
                    if (submission != null) {
                        results.add(expectedResult(SourcedIds.result(lineItem, student[1]), submission));
                    }
                }
                expected.add(new ExpectedLineItem(lineItem, assignmentId, classId, results));
            }
        }
        return new Course(expected, lineItemIds, assignmentOfLineItem, reasons(courseId));
    }

    private static boolean eligible(JsonNode assignment) {
        return assignment.path("published").asBoolean(false) && assignment.path("post_to_sis").asBoolean(false)
                && assignment.path("points_possible").asDouble(0) > 0
                && !"not_graded".equals(assignment.path("grading_type").asText())
                && !assignment.path("omit_from_final_grade").asBoolean(false);
    }

    /** The sections an assignment is assigned to: all, or only those of its section overrides. */
    private static List<String> targetedSections(JsonNode assignment, Set<String> all) {
        if (!assignment.path("only_visible_to_overrides").asBoolean(false)) {
            return List.copyOf(all);
        }
        List<String> sections = new ArrayList<>();
        for (JsonNode override : assignment.path("overrides")) {
            if (override.hasNonNull("course_section_id")) {
                sections.add(override.path("course_section_id").asText());
            }
        }
        return sections;
    }

    /** A posted score, or an excuse, is what IC must hold; anything else must not be a score in IC. */
    private static ExpectedResult expectedResult(String sourcedId, JsonNode submission) {
        boolean posted = submission.hasNonNull("posted_at");
        boolean excused = submission.path("excused").asBoolean(false);
        Double score = submission.path("score").isNumber() ? submission.path("score").asDouble() : null;
        boolean graded = posted && (excused || score != null);
        return new ExpectedResult(sourcedId, graded, score, excused, submission.path("late").asBoolean(false),
                submission.path("missing").asBoolean(false));
    }

    /**
     * Why items do not sync, by sourcedId, and by {@code assignment/<id>} for an assignment's own reason: a skip, or
     * IC refusing the item. A failure that only says IC or the pipeline was away (unavailable, busy, circuit open,
     * held, held for approval) explains nothing: converged means it was written after all.
     */
    private Map<String, String> reasons(String courseId) {
        Map<String, String> reasons = new HashMap<>();
        for (String status : List.of("SKIPPED", "FAILED")) {
            JsonNode items = get(statusUrl + "/api/districts/" + tenant + "/courses/" + courseId + "/items?status="
                    + status + "&limit=5000", "Bearer " + statusToken, null).body();
            for (JsonNode item : items) {
                String code = item.path("reasonCode").asText();
                if ("FAILED".equals(status) && TRANSIENT.matcher(code).find()) {
                    continue;
                }
                String reason = status + " " + code;
                if ("ASSIGNMENT".equals(item.path("kind").asText())) {
                    reasons.put("assignment/" + item.path("assignmentId").asText(), reason);
                } else if (item.hasNonNull("sourcedId")) {
                    reasons.put(item.path("sourcedId").asText(), reason);
                }
            }
        }
        return reasons;
    }

    // --- wire ---

    private record Page(JsonNode body, String next) {
    }

    private JsonNode canvasOne(String path) {
        return get(canvasUrl + path, "Bearer " + canvasToken, null).body();
    }

    private List<JsonNode> canvasList(String path) {
        List<JsonNode> all = new ArrayList<>();
        String url = canvasUrl + path;
        while (url != null) {
            Page page = get(url, "Bearer " + canvasToken, null);
            page.body().forEach(all::add);
            url = page.next();
        }
        return all;
    }

    private List<JsonNode> icCollection(String collection) {
        String token = icToken();
        List<JsonNode> all = new ArrayList<>();
        String url = campusUrl + GRADEBOOK + "/" + collection + "?limit=500&offset=0";
        while (url != null) {
            Page page = get(url, "Bearer " + token, campus.vendorAuthorization());
            page.body().path(collection).forEach(all::add);
            url = page.next();
        }
        return all;
    }

    private String icToken() {
        String basic = Base64.getEncoder().encodeToString((campus.clientId() + ":" + campus.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(campusUrl + "/campus/oauth2/token?appName="
                        + URLEncoder.encode(campus.appName(), StandardCharsets.UTF_8)))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode("https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly",
                                StandardCharsets.UTF_8)))
                .build();
        return send(request).body().path("access_token").asText();
    }

    private Page get(String url, String authorization, String vendor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "application/json").GET();
        if (vendor != null) {
            request.header("x-vendor-authorization", vendor);
        }
        return send(request.build());
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            String next = response.headers().allValues("Link").stream().map(NEXT::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElse(null);
            return new Page(JSON.readTree(response.body()), next);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + request.uri(), e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null : node.asText();
    }
}
