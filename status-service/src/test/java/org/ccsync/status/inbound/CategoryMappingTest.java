package org.ccsync.status.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.ccsync.contracts.CategoryMappingChanged;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.ccsync.status.Events;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class CategoryMappingTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aDistrictOverrideIsPublishedKeyedByDistrictListedAndRemoved() {
        String tenant = "map-" + UUID.randomUUID();
        String group = "Tests / Quizzes";
        String encoded = "Tests%20%2F%20Quizzes";

        api(tenant).contentType(ContentType.JSON).body("{\"icCategoryTitle\": \"Assessments\"}")
                .urlEncodingEnabled(false)
                .put("/api/districts/" + tenant + "/category-mappings/" + encoded)
                .then().statusCode(200)
                .body("canvasGroupName", equalTo(group))
                .body("icCategoryTitle", equalTo("Assessments"))
                .body("changedBy", equalTo("admin@" + tenant + ".example.org"));

        var published = kafka.awaitRecords(Topics.CATEGORY_MAPPINGS, r -> EventKeys.district(tenant).equals(r.key()),
                1, BOUND);
        CategoryMappingChanged change = KafkaTestClient.read(published.get(0), CategoryMappingChanged.class);
        assertThat(change.tenant()).isEqualTo(tenant);
        assertThat(change.courseId()).isNull();
        assertThat(change.canvasGroupName()).isEqualTo(group);
        assertThat(change.icCategoryTitle()).isEqualTo("Assessments");
        assertThat(change.sourceVersion()).isPositive();

        api(tenant).get("/api/districts/" + tenant + "/category-mappings").then().statusCode(200)
                .body("canvasGroupName", equalTo(List.of(group)))
                .body("[0].icCategoryTitle", equalTo("Assessments"));

        api(tenant).urlEncodingEnabled(false).delete("/api/districts/" + tenant + "/category-mappings/" + encoded)
                .then().statusCode(204);
        var both = kafka.awaitRecords(Topics.CATEGORY_MAPPINGS, r -> EventKeys.district(tenant).equals(r.key()), 2,
                BOUND);
        CategoryMappingChanged removal = KafkaTestClient.read(both.get(1), CategoryMappingChanged.class);
        assertThat(removal.icCategoryTitle()).isNull();
        assertThat(removal.sourceVersion()).isGreaterThan(change.sourceVersion());
        api(tenant).get("/api/districts/" + tenant + "/category-mappings").then().body("size()", equalTo(0));
        api(tenant).delete("/api/districts/" + tenant + "/category-mappings/Nothing").then().statusCode(404)
                .body("code", equalTo("unknown_mapping"));
    }

    @Test
    void aCourseOverrideIsPublishedWithItsCourseAndValidated() {
        String tenant = "map-" + UUID.randomUUID();
        String course = "c-" + UUID.randomUUID();
        Events events = new Events(kafka, tenant);
        events.change(events.roster(course, 1, "Chemistry", "chem@example.org", "5001"));
        String path = "/api/districts/" + tenant + "/courses/" + course + "/category-mappings";
        await().atMost(BOUND).untilAsserted(() -> api(tenant).get(path).then().statusCode(200));

        api(tenant).contentType(ContentType.JSON).body("{\"icCategoryTitle\": \" \"}").put(path + "/Labs")
                .then().statusCode(400).body("code", equalTo("invalid_request"));
        given().auth().oauth2(Tokens.teacher(tenant, "chem@example.org")).contentType(ContentType.JSON)
                .body("{\"icCategoryTitle\": \"Lab Work\"}").put(path + "/Labs")
                .then().statusCode(200).body("courseId", equalTo(course));

        var published = kafka.awaitRecords(Topics.CATEGORY_MAPPINGS, r -> EventKeys.district(tenant).equals(r.key()),
                1, BOUND);
        CategoryMappingChanged change = KafkaTestClient.read(published.get(0), CategoryMappingChanged.class);
        assertThat(change.courseId()).isEqualTo(course);
        assertThat(change.canvasGroupName()).isEqualTo("Labs");
        assertThat(change.icCategoryTitle()).isEqualTo("Lab Work");
        assertThat(change.changedBy()).isEqualTo("chem@example.org");
        api(tenant).get(path).then().body("[0].icCategoryTitle", equalTo("Lab Work"));
        api(tenant).get("/api/districts/" + tenant + "/category-mappings").then().body("size()", equalTo(0));
        api(tenant).contentType(ContentType.JSON).body("{\"icCategoryTitle\": \"X\"}")
                .put("/api/districts/" + tenant + "/courses/unknown/category-mappings/Labs")
                .then().statusCode(404).body("code", equalTo("unknown_course"));
    }

    private static RequestSpecification api(String tenant) {
        return given().auth().oauth2(Tokens.admin(tenant));
    }
}
