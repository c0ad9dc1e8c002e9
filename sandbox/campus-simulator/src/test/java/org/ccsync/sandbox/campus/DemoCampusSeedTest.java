package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/** The seeded demo district matches the brief, reset() reseeds it, and the roster can be extended. */
class DemoCampusSeedTest {

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

    @ParameterizedTest
    @ValueSource(strings = {"SEC-BIO1-P1", "SEC-BIO1-P2", "SEC-ALG1-P3", "SEC-WH-P4"})
    void everyClassHasTheFourCategoriesAndNoLabs(String classId) {
        fixture.gradebook().get("/classes/" + classId + "/categories").then().statusCode(200)
                .body("categories.sourcedId", contains("CAT-" + classId + "-HOMEWORK", "CAT-" + classId + "-QUIZZES",
                        "CAT-" + classId + "-TESTS", "CAT-" + classId + "-PROJECTS"))
                .body("categories.title", not(hasItem("Labs")));
    }

    @Test
    void enrollmentsMatchTheBrief() {
        fixture.rostering().get("/classes/SEC-BIO1-P1/students").then().body("users.sourcedId",
                contains("STU-5001", "STU-5002", "STU-5003"));
        fixture.rostering().get("/classes/SEC-BIO1-P2/students").then().body("users.sourcedId",
                contains("STU-5004", "STU-5005", "STU-5006"));
        fixture.rostering().get("/classes/SEC-ALG1-P3/students").then().body("users.sourcedId",
                contains("STU-5007", "STU-5008"));
        fixture.rostering().get("/classes/SEC-WH-P4/students").then().body("users.sourcedId",
                contains("STU-5001", "STU-5004"));
    }

    @Test
    void resetEmptiesTheGradebookAndReseedsTheRoster() {
        fixture.control().addClass("SEC-EXTRA", "Extra", DemoCampus.SCHOOL, DemoCampus.TERM);
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", "SEC-BIO1-P1")))
                .put("/lineItems/LI-1").then().statusCode(201);

        fixture.control().reset();

        assertThat(fixture.control().lineItems()).isEmpty();
        fixture.rostering().get("/classes/SEC-EXTRA").then().statusCode(404);
        fixture.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(200);
    }

    @Test
    void addedClassesCategoriesPeriodsAndEnrollmentsAreUsedByValidation() {
        fixture.control().addGradingPeriod("TERM-S", "GP-S1", "Summer", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 31));
        fixture.control().addClass("SEC-SUMMER", "Summer School", DemoCampus.SCHOOL, "TERM-S");
        fixture.control().addCategory("SEC-SUMMER", "CAT-SUMMER-LABS", "Labs");
        fixture.control().enroll("SEC-SUMMER", "STU-5011");

        ObjectNode item = OneRosterBodies.lineItem("LI-414", "SEC-SUMMER");
        item.put("dueDate", "2026-07-15T23:59:00Z");
        item.set("category", OneRosterBodies.ref("CAT-SUMMER-LABS", "category"));
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", item)).put("/lineItems/LI-414").then().statusCode(201);
        fixture.gradebook().body(OneRosterBodies.wrap("result", OneRosterBodies.result("R-1", "LI-414", "STU-5011")))
                .put("/results/R-1").then().statusCode(201);
    }

    @Test
    void withoutSeedTheRosterIsEmpty() {
        try (SimulatorFixture empty = SimulatorFixture.start(CampusSimulatorConfig.defaults().withSeedDemo(false))) {
            empty.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(404);
            empty.rostering().get("/terms/TERM-2026/gradingPeriods").then().statusCode(404);
        }
    }

    @Test
    void categoryIdFollowsTheBriefPattern() {
        assertThat(DemoCampus.categoryId("SEC-BIO1-P1", "Homework")).isEqualTo("CAT-SEC-BIO1-P1-HOMEWORK");
    }
}
