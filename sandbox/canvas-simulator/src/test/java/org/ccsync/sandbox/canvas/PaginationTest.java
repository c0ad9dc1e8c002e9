package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.links;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaginationTest {

    private static CanvasSimulator sim;

    @BeforeAll
    static void start() {
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.control().reset();
    }

    @Test
    void followingNextLinksVisitsEveryAssignmentOnceAndKeepsQueryParams() {
        Response first = api(sim).queryParam("per_page", 5).queryParam("include[]", "overrides")
                .get("/api/v1/courses/101/assignments");
        first.then().statusCode(200);
        Map<String, String> firstLinks = links(first.header("Link"));
        assertThat(firstLinks).containsKeys("current", "next", "first", "last");
        assertThat(firstLinks.get("next")).startsWith(sim.baseUrl() + "/api/v1/courses/101/assignments?")
                .contains("page=2").contains("per_page=5").contains("include%5B%5D=overrides");
        assertThat(firstLinks.get("last")).contains("page=4");

        List<Integer> ids = new ArrayList<>(first.jsonPath().getList("id", Integer.class));
        assertThat(first.jsonPath().getList("overrides")).hasSize(5);
        String next = firstLinks.get("next");
        int pages = 1;
        Map<String, String> lastLinks = firstLinks;
        while (next != null && pages < 10) {
            Response page = api(sim).urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            ids.addAll(page.jsonPath().getList("id", Integer.class));
            assertThat(page.jsonPath().getList("overrides")).isNotEmpty();
            lastLinks = links(page.header("Link"));
            next = lastLinks.get("next");
            pages++;
        }

        assertThat(pages).isEqualTo(4);
        assertThat(lastLinks).doesNotContainKey("next").containsKeys("current", "first", "last", "prev");
        assertThat(lastLinks.get("current")).isEqualTo(lastLinks.get("last"));
        assertThat(ids).hasSize(17).doesNotHaveDuplicates()
                .containsExactly(401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417);
    }

    @Test
    void defaultPageSizeIsTenAndPerPageIsCappedAtOneHundred() {
        // 16 published assignments and 2 more, of 6 students: 108 submissions.
        sim.control().createAssignment(101, NewAssignment.named("Extra 1", 10));
        sim.control().createAssignment(101, NewAssignment.named("Extra 2", 10));

        Response defaults = api(sim).queryParam("student_ids[]", "all").get("/api/v1/courses/101/students/submissions");
        assertThat(defaults.jsonPath().getList("id")).hasSize(10);
        assertThat(links(defaults.header("Link")).get("next")).contains("per_page=10");

        Response capped = api(sim).queryParam("per_page", 500).queryParam("student_ids[]", "all")
                .get("/api/v1/courses/101/students/submissions");
        assertThat(capped.jsonPath().getList("id")).hasSize(100);
        Map<String, String> cappedLinks = links(capped.header("Link"));
        assertThat(cappedLinks.get("next")).contains("per_page=100").contains("student_ids%5B%5D=all");
        Response second = api(sim).urlEncodingEnabled(false).get(cappedLinks.get("next"));
        assertThat(second.jsonPath().getList("id")).hasSize(8);
    }

    @Test
    void singlePageListHasNoNextLink() {
        Response courses = api(sim).get("/api/v1/accounts/1/courses");
        assertThat(courses.jsonPath().getList("id", Integer.class)).containsExactly(101, 102, 103);
        assertThat(links(courses.header("Link"))).containsKeys("current", "first", "last").doesNotContainKey("next");
    }
}
