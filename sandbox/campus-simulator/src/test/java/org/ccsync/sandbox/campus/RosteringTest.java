package org.ccsync.sandbox.campus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The rostering reads the sync uses: a class, its students and the term's grading periods. */
class RosteringTest {

    private static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SimulatorFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void classCarriesSchoolAndTermReferences() {
        fixture.rostering().get("/classes/SEC-BIO1-P1").then().statusCode(200)
                .body("class.sourcedId", equalTo("SEC-BIO1-P1"))
                .body("class.status", equalTo("active"))
                .body("class.title", equalTo("Biology 1 - P1"))
                .body("class.school.sourcedId", equalTo("SCH-DEMO-HS"))
                .body("class.school.type", equalTo("org"))
                .body("class.school.href", equalTo(fixture.sim.rosteringUrl() + "/schools/SCH-DEMO-HS"))
                .body("class.terms.sourcedId", contains("TERM-2026"))
                .body("class.terms[0].type", equalTo("academicSession"));
    }

    @Test
    void studentsAreOnlyThoseEnrolledInCampus() {
        fixture.rostering().get("/classes/SEC-ALG1-P3/students").then().statusCode(200)
                .body("users.sourcedId", contains("STU-5007", "STU-5008"))
                .body("users[0].givenName", equalTo("Student"))
                .body("users[0].familyName", equalTo("5007"))
                .body("users[0].roles[0].role", equalTo("student"))
                .body("users[0].roles[0].org.sourcedId", equalTo("SCH-DEMO-HS"));
    }

    @Test
    void termHasFourGradingPeriods() {
        fixture.rostering().get("/terms/TERM-2026/gradingPeriods").then().statusCode(200)
                .header("X-Total-Count", "4")
                .body("academicSessions.sourcedId", contains("GP-Q1", "GP-Q2", "GP-Q3", "GP-Q4"))
                .body("academicSessions.title", contains("Q1", "Q2", "Q3", "Q4"))
                .body("academicSessions.startDate", contains("2026-08-17", "2026-11-02", "2027-01-25", "2027-04-05"))
                .body("academicSessions.endDate", contains("2026-10-31", "2027-01-23", "2027-04-03", "2027-06-12"))
                .body("academicSessions[0].type", equalTo("gradingPeriod"))
                .body("academicSessions[0].parent.sourcedId", equalTo("TERM-2026"))
                .body("academicSessions[0].parent.type", equalTo("academicSession"));
    }

    @Test
    void unknownClassOrTermIs404() {
        fixture.rostering().get("/classes/SEC-NOPE").then().statusCode(404)
                .body("imsx_description", equalTo("class SEC-NOPE does not exist"));
        fixture.rostering().get("/terms/TERM-1999/gradingPeriods").then().statusCode(404);
    }
}
