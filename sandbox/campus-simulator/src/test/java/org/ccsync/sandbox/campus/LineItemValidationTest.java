package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every lineItem rule, table-driven: each broken body gets 422 invaliddata naming the field, and nothing is stored. */
class LineItemValidationTest {

    private static final String ID = "LI-1";
    private static final String CLASS = "SEC-BIO1-P1";
    private static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SimulatorFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.control().reset();
    }

    /** Bodies the official binding refuses: 422, the description names the offending field. */
    static Stream<Arguments> contractViolations() {
        return Stream.of(
                c("sourcedId missing", i -> i.remove("sourcedId"), "sourcedId"),
                c("status missing", i -> i.remove("status"), "status"),
                c("status unknown", i -> i.put("status", "deleted"), "/lineItem/status"),
                c("dateLastModified missing", i -> i.remove("dateLastModified"), "dateLastModified"),
                c("dateLastModified not a date-time", i -> i.put("dateLastModified", "yesterday"),
                        "/lineItem/dateLastModified"),
                c("title missing", i -> i.remove("title"), "title"),
                c("title a number", i -> i.put("title", 5), "/lineItem/title"),
                c("description a number", i -> i.put("description", 42), "/lineItem/description"),
                c("assignDate missing", i -> i.remove("assignDate"), "assignDate"),
                c("assignDate a plain date", i -> i.put("assignDate", "2026-11-10"), "/lineItem/assignDate"),
                c("dueDate missing", i -> i.remove("dueDate"), "dueDate"),
                c("dueDate without offset", i -> i.put("dueDate", "2026-11-20T23:59:00"), "/lineItem/dueDate"),
                c("class missing", i -> i.remove("class"), "class"),
                c("class not an object", i -> i.put("class", CLASS), "/lineItem/class"),
                c("class href missing", i -> ((ObjectNode) i.get("class")).remove("href"), "href"),
                c("class sourcedId missing", i -> ((ObjectNode) i.get("class")).remove("sourcedId"), "sourcedId"),
                c("class type wrong", i -> ((ObjectNode) i.get("class")).put("type", "org"), "/lineItem/class/type"),
                c("school missing", i -> i.remove("school"), "school"),
                c("school type wrong", i -> ((ObjectNode) i.get("school")).put("type", "school"),
                        "/lineItem/school/type"),
                c("category missing", i -> i.remove("category"), "category"),
                c("category type wrong", i -> ((ObjectNode) i.get("category")).put("type", "lineItemCategory"),
                        "/lineItem/category/type"),
                c("gradingPeriod type wrong", i -> i.set("gradingPeriod", OneRosterBodies.ref("GP-Q2", "gradingPeriod")),
                        "/lineItem/gradingPeriod/type"),
                c("resultValueMax a string", i -> i.put("resultValueMax", "10"), "/lineItem/resultValueMax"),
                c("a field OneRoster does not have", i -> i.put("points", 10), "points"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractViolations")
    void contractViolationsAre422NamingTheField(String name, Consumer<ObjectNode> breakIt, String field) {
        ObjectNode item = OneRosterBodies.lineItem(ID, CLASS);
        breakIt.accept(item);

        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", item)).put("/lineItems/" + ID)
                .then().statusCode(422)
                .body("imsx_codeMajor", equalTo("failure"))
                .body("imsx_description", startsWith("the request breaks the OneRoster 1.2 binding of putLineItem: "))
                .body("imsx_description", containsString(field))
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("invaliddata"));
        assertThat(fixture.control().lineItems()).isEmpty();
    }

    /** Bodies the binding takes but IC refuses: 422 with IC's own sentence. */
    static Stream<Arguments> invalidLineItems() {
        return Stream.of(
                c("sourcedId differs from path", i -> i.put("sourcedId", "LI-OTHER"),
                        "lineItem.sourcedId \"LI-OTHER\" does not match the path id \"LI-1\""),
                c("title blank", i -> i.put("title", "  "), "lineItem.title must not be blank"),
                c("class unknown", i -> i.set("class", OneRosterBodies.ref("SEC-NOPE", "class")),
                        "lineItem.class SEC-NOPE does not exist"),
                c("school not the class's school", i -> i.set("school", OneRosterBodies.ref("SCH-OTHER", "org")),
                        "lineItem.school SCH-OTHER is not the school of class SEC-BIO1-P1 (SCH-DEMO-HS)"),
                c("dummy category", i -> i.set("category",
                                OneRosterBodies.ref("00000000-0000-0000-0000-000000000000", "category")),
                        "lineItem.category 00000000-0000-0000-0000-000000000000 is the OneRoster 1.1 dummy category; "
                                + "OneRoster 1.2 requires a real category of class SEC-BIO1-P1"),
                c("category of another class", i -> i.set("category",
                                OneRosterBodies.ref("CAT-SEC-BIO1-P2-HOMEWORK", "category")),
                        "lineItem.category CAT-SEC-BIO1-P2-HOMEWORK is not a category of class SEC-BIO1-P1"),
                c("category Labs does not exist", i -> i.set("category", OneRosterBodies.ref("CAT-SEC-BIO1-P1-LABS", "category")),
                        "lineItem.category CAT-SEC-BIO1-P1-LABS is not a category of class SEC-BIO1-P1"),
                c("dueDate in summer", i -> i.put("dueDate", "2026-07-15T23:59:00Z"),
                        "lineItem.dueDate 2026-07-15T23:59:00Z is outside every grading period of class SEC-BIO1-P1"),
                c("dueDate between Q1 and Q2", i -> i.put("dueDate", "2026-11-01T12:00:00Z"),
                        "lineItem.dueDate 2026-11-01T12:00:00Z is outside every grading period of class SEC-BIO1-P1"),
                c("dueDate on Q4's end date, which is excluded", i -> i.put("dueDate", "2027-06-12T00:00:00Z"),
                        "lineItem.dueDate 2027-06-12T00:00:00Z is outside every grading period of class SEC-BIO1-P1"),
                c("gradingPeriod unknown", i -> i.set("gradingPeriod", OneRosterBodies.ref("GP-Q9", "academicSession")),
                        "lineItem.gradingPeriod GP-Q9 does not exist"),
                c("gradingPeriod not containing dueDate", i -> i.set("gradingPeriod",
                                OneRosterBodies.ref("GP-Q1", "academicSession")),
                        "lineItem.dueDate 2026-11-20T23:59:00Z is outside lineItem.gradingPeriod GP-Q1 (2026-08-17 until "
                                + "2026-10-31, end date excluded)"),
                c("dueDate on Q1's end date with Q1 named", i -> {
                    i.put("dueDate", "2026-10-31T10:00:00Z");
                    i.set("gradingPeriod", OneRosterBodies.ref("GP-Q1", "academicSession"));
                }, "lineItem.dueDate 2026-10-31T10:00:00Z is outside every grading period of class SEC-BIO1-P1"),
                c("resultValueMin above resultValueMax", i -> i.put("resultValueMin", 20),
                        "lineItem.resultValueMin 20.0 is greater than lineItem.resultValueMax 10.0"));
    }

    static Stream<Arguments> validLineItems() {
        return Stream.of(
                c("with grading period containing dueDate",
                        i -> i.set("gradingPeriod", OneRosterBodies.ref("GP-Q2", "academicSession")), null),
                c("dueDate on the last second of Q2", i -> i.put("dueDate", "2027-01-22T23:59:59Z"), null),
                c("dueDate on Q1's last day, the day before its end date", i -> {
                    i.put("dueDate", "2026-10-30T23:59:00Z");
                    i.set("gradingPeriod", OneRosterBodies.ref("GP-Q1", "academicSession"));
                }, null),
                c("dueDate on the first day of Q1", i -> i.put("dueDate", "2026-08-17T00:00:00Z"), null),
                c("dueDate with offset that is in Q2 in UTC", i -> i.put("dueDate", "2026-11-01T20:00:00-05:00"), null),
                c("status tobedeleted", i -> i.put("status", "tobedeleted"), null),
                c("no points range", i -> {
                    i.remove("resultValueMin");
                    i.remove("resultValueMax");
                }, null),
                c("metadata extension", i -> i.putObject("metadata").put("canvasAssignmentId", "401"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validLineItems")
    void acceptsValidVariants(String name, Consumer<ObjectNode> vary, String unused) {
        ObjectNode item = OneRosterBodies.lineItem(ID, CLASS);
        vary.accept(item);

        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", item)).put("/lineItems/" + ID).then().statusCode(201);
        assertThat(fixture.control().lineItems().get(ID)).isEqualTo(item);
    }

    @Test
    void bodyWithoutTheLineItemWrapperIs422() {
        fixture.gradebook().body(CampusJson.write(OneRosterBodies.lineItem(ID, CLASS))).put("/lineItems/" + ID)
                .then().statusCode(422)
                .body("imsx_description", containsString("lineItem"));
    }

    @Test
    void aProviderThatIncludesTheEndDateTakesADueDateOnIt() {
        ObjectNode item = OneRosterBodies.lineItem(ID, CLASS).put("dueDate", "2026-10-31T10:00:00Z");
        item.set("gradingPeriod", OneRosterBodies.ref("GP-Q1", "academicSession"));
        fixture.control().setGradingPeriodEndInclusive(true);

        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", item)).put("/lineItems/" + ID).then().statusCode(201);
    }

    @Test
    void bodyThatIsNotAnObjectIs400() {
        fixture.gradebook().body("[1, 2]").put("/lineItems/" + ID).then().statusCode(400);
    }

    private static Arguments c(String name, Consumer<ObjectNode> mutation, String description) {
        return arguments(name, mutation, description);
    }
}
