package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Supplier;

/** Renders roster objects (classes, users, grading periods, categories) as OneRoster 1.2 JSON. */
final class RosterJson {

    /** The dateLastModified shown for every seeded roster object. */
    static final String ROSTER_MODIFIED = "2026-08-01T00:00:00Z";

    private final Supplier<String> baseUrl;

    RosterJson(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    static ObjectNode category(RosterCategory category) {
        ObjectNode node = CampusJson.object();
        node.put("sourcedId", category.sourcedId());
        node.put("status", "active");
        node.put("dateLastModified", ROSTER_MODIFIED);
        node.put("title", category.title());
        if (category.weight() != null) {
            node.put("weight", category.weight());
        }
        return node;
    }

    ObjectNode rosterClass(RosterClass rosterClass) {
        ObjectNode node = CampusJson.object();
        node.put("sourcedId", rosterClass.sourcedId());
        node.put("status", "active");
        node.put("dateLastModified", ROSTER_MODIFIED);
        node.put("title", rosterClass.title());
        node.put("classType", "scheduled");
        node.set("school", ref("/schools/", rosterClass.schoolSourcedId(), "org"));
        ArrayNode terms = node.putArray("terms");
        rosterClass.termSourcedIds().forEach(term -> terms.add(ref("/terms/", term, "academicSession")));
        return node;
    }

    ObjectNode student(RosterUser user) {
        ObjectNode node = CampusJson.object();
        node.put("sourcedId", user.sourcedId());
        node.put("status", "active");
        node.put("dateLastModified", ROSTER_MODIFIED);
        node.put("enabledUser", "true");
        node.put("username", user.sourcedId().toLowerCase());
        node.put("givenName", user.givenName());
        node.put("familyName", user.familyName());
        node.put("role", "student");
        node.putArray("roles").addObject().put("roleType", "primary").put("role", "student");
        return node;
    }

    ObjectNode gradingPeriod(GradingPeriod period) {
        ObjectNode node = CampusJson.object();
        node.put("sourcedId", period.sourcedId());
        node.put("status", "active");
        node.put("dateLastModified", ROSTER_MODIFIED);
        node.put("title", period.title());
        node.put("type", "gradingPeriod");
        node.put("startDate", period.startDate().toString());
        node.put("endDate", period.endDate().toString());
        node.set("parent", ref("/terms/", period.termSourcedId(), "academicSession"));
        return node;
    }

    private ObjectNode ref(String collection, String sourcedId, String type) {
        ObjectNode node = CampusJson.object();
        node.put("href", baseUrl.get() + CampusPaths.ROSTERING + collection + sourcedId);
        node.put("sourcedId", sourcedId);
        node.put("type", type);
        return node;
    }
}
