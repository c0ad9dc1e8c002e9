package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Supplier;

/** Renders roster objects (classes, users, grading periods, categories) as the OneRoster 1.2 binding has them. */
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
        if (rosterClass.classCode() != null) {
            node.put("classCode", rosterClass.classCode());
        }
        node.put("classType", "scheduled");
        node.set("course", ref("/courses/", "CRS-" + rosterClass.sourcedId(), "course"));
        node.set("school", ref("/schools/", rosterClass.schoolSourcedId(), "org"));
        ArrayNode terms = node.putArray("terms");
        rosterClass.termSourcedIds().forEach(term -> terms.add(ref("/terms/", term, "academicSession")));
        return node;
    }

    /** A student; {@code school} is the org of the student's primary role. */
    ObjectNode student(RosterUser user, String school) {
        ObjectNode node = CampusJson.object();
        node.put("sourcedId", user.sourcedId());
        node.put("status", "active");
        node.put("dateLastModified", ROSTER_MODIFIED);
        node.put("enabledUser", "true");
        node.put("username", user.sourcedId().toLowerCase());
        node.put("givenName", user.givenName());
        node.put("familyName", user.familyName());
        ObjectNode role = node.putArray("roles").addObject().put("roleType", "primary").put("role", "student");
        role.set("org", ref("/schools/", school, "org"));
        if (user.identifier() != null) {
            node.put("identifier", user.identifier());
        }
        if (!user.userIds().isEmpty()) {
            ArrayNode ids = node.putArray("userIds");
            user.userIds().forEach(id -> ids.addObject().put("type", "SIS").put("identifier", id));
        }
        if (user.legacySourcedId() != null) {
            node.putObject("metadata").putObject("ic").put("legacysourceId", user.legacySourcedId());
        }
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
        // The school year a period belongs to is named by the calendar year it ends in.
        node.put("schoolYear", Integer.toString(period.startDate().getMonthValue() >= 7
                ? period.startDate().getYear() + 1 : period.startDate().getYear()));
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
