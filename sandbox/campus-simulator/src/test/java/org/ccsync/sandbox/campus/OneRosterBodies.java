package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid OneRoster 1.2 lineItem and result bodies for the demo district, for tests to mutate. */
final class OneRosterBodies {

    static final String HREF = "http://sync.example/oneroster/";

    private OneRosterBodies() {
    }

    static ObjectNode ref(String sourcedId, String type) {
        ObjectNode ref = CampusJson.object();
        ref.put("href", HREF + type + "/" + sourcedId);
        ref.put("sourcedId", sourcedId);
        ref.put("type", type);
        return ref;
    }

    /** A valid lineItem in a demo class, category Homework, due 2026-11-20 (inside Q2). */
    static ObjectNode lineItem(String sourcedId, String classId) {
        ObjectNode item = CampusJson.object();
        item.put("sourcedId", sourcedId);
        item.put("status", "active");
        item.put("dateLastModified", "2026-11-27T15:00:00Z");
        item.put("title", "Cell Structure Quiz");
        item.put("description", "synced from Canvas");
        item.put("assignDate", "2026-11-10T00:00:00Z");
        item.put("dueDate", "2026-11-20T23:59:00Z");
        item.set("class", ref(classId, "class"));
        item.set("school", ref(DemoCampus.SCHOOL, "org"));
        item.set("category", ref(DemoCampus.categoryId(classId, "Homework"), "category"));
        item.put("resultValueMin", 0);
        item.put("resultValueMax", 10);
        return item;
    }

    /** A valid fully graded result with score 9.5. */
    static ObjectNode result(String sourcedId, String lineItemId, String studentId) {
        ObjectNode result = CampusJson.object();
        result.put("sourcedId", sourcedId);
        result.put("status", "active");
        result.put("dateLastModified", "2026-11-27T15:00:00Z");
        result.set("lineItem", ref(lineItemId, "lineItem"));
        result.set("student", ref(studentId, "user"));
        result.put("scoreStatus", "fully graded");
        result.put("scoreDate", "2026-11-27");
        result.put("score", 9.5);
        result.put("late", "false");
        return result;
    }

    static String wrap(String name, ObjectNode inner) {
        ObjectNode body = CampusJson.object();
        body.set(name, inner);
        return CampusJson.write(body);
    }
}
