package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Thread-safe in-memory roster and gradebook of one district. */
final class CampusStore {

    private final Map<String, RosterClass> classes = new LinkedHashMap<>();
    private final Map<String, Map<String, RosterCategory>> categories = new LinkedHashMap<>();
    private final Map<String, Set<String>> enrollments = new LinkedHashMap<>();
    private final Map<String, RosterUser> users = new LinkedHashMap<>();
    private final Map<String, GradingPeriod> gradingPeriods = new LinkedHashMap<>();
    private final Map<String, ObjectNode> lineItems = new TreeMap<>();
    private final Map<String, ObjectNode> results = new TreeMap<>();

    synchronized void clear() {
        classes.clear();
        categories.clear();
        enrollments.clear();
        users.clear();
        gradingPeriods.clear();
        lineItems.clear();
        results.clear();
    }

    synchronized void addClass(RosterClass rosterClass) {
        classes.put(rosterClass.sourcedId(), rosterClass);
        categories.computeIfAbsent(rosterClass.sourcedId(), k -> new LinkedHashMap<>());
        enrollments.computeIfAbsent(rosterClass.sourcedId(), k -> new LinkedHashSet<>());
    }

    synchronized void addCategory(String classId, RosterCategory category) {
        requireClass(classId);
        categories.get(classId).put(category.sourcedId(), category);
    }

    synchronized void enroll(String classId, String studentId) {
        requireClass(classId);
        users.computeIfAbsent(studentId, RosterUser::student);
        enrollments.get(classId).add(studentId);
    }

    /** Sets a class's class code (the section number another system may know it by). */
    synchronized void setClassCode(String classId, String classCode) {
        requireClass(classId);
        classes.put(classId, classes.get(classId).withClassCode(classCode));
    }

    /** Gives a student (created on first use) the identifier, legacy 1.1 sourcedId and userIds other systems use. */
    synchronized void setUserIds(String studentId, String identifier, String legacySourcedId, List<String> userIds) {
        RosterUser user = users.computeIfAbsent(studentId, RosterUser::student);
        users.put(studentId, user.withIds(identifier, legacySourcedId, userIds));
    }

    synchronized List<RosterClass> allClasses() {
        return new ArrayList<>(classes.values());
    }

    synchronized void addGradingPeriod(GradingPeriod period) {
        gradingPeriods.put(period.sourcedId(), period);
    }

    synchronized Optional<RosterClass> rosterClass(String classId) {
        return Optional.ofNullable(classes.get(classId));
    }

    synchronized List<RosterCategory> categoriesOf(String classId) {
        return new ArrayList<>(categories.getOrDefault(classId, Map.of()).values());
    }

    synchronized boolean isEnrolled(String classId, String studentId) {
        return enrollments.getOrDefault(classId, Set.of()).contains(studentId);
    }

    synchronized List<RosterUser> studentsOf(String classId) {
        return enrollments.getOrDefault(classId, Set.of()).stream().map(users::get).toList();
    }

    synchronized boolean hasTerm(String termId) {
        return gradingPeriods.values().stream().anyMatch(p -> p.termSourcedId().equals(termId))
                || classes.values().stream().anyMatch(c -> c.termSourcedIds().contains(termId));
    }

    synchronized List<GradingPeriod> gradingPeriodsOfTerm(String termId) {
        return gradingPeriods.values().stream().filter(p -> p.termSourcedId().equals(termId)).toList();
    }

    synchronized Optional<GradingPeriod> gradingPeriod(String periodId) {
        return Optional.ofNullable(gradingPeriods.get(periodId));
    }

    /** Stores a copy of the lineItem and answers whether it was new. */
    synchronized boolean putLineItem(String id, ObjectNode lineItem) {
        return lineItems.put(id, lineItem.deepCopy()) == null;
    }

    synchronized Optional<ObjectNode> lineItem(String id) {
        return Optional.ofNullable(lineItems.get(id)).map(ObjectNode::deepCopy);
    }

    /** Deletes the lineItem and its results; answers whether it existed. */
    synchronized boolean deleteLineItem(String id) {
        if (lineItems.remove(id) == null) {
            return false;
        }
        results.values().removeIf(r -> id.equals(r.path("lineItem").path("sourcedId").asText(null)));
        return true;
    }

    synchronized List<ObjectNode> lineItemsOfClass(String classId) {
        return lineItems.values().stream()
                .filter(li -> classId.equals(li.path("class").path("sourcedId").asText(null)))
                .map(ObjectNode::deepCopy)
                .toList();
    }

    /** Stores a copy of the result and answers whether it was new. */
    synchronized boolean putResult(String id, ObjectNode result) {
        return results.put(id, result.deepCopy()) == null;
    }

    synchronized Optional<ObjectNode> result(String id) {
        return Optional.ofNullable(results.get(id)).map(ObjectNode::deepCopy);
    }

    synchronized boolean deleteResult(String id) {
        return results.remove(id) != null;
    }

    synchronized List<ObjectNode> resultsOfLineItem(String lineItemId) {
        return results.values().stream()
                .filter(r -> lineItemId.equals(r.path("lineItem").path("sourcedId").asText(null)))
                .map(ObjectNode::deepCopy)
                .toList();
    }

    /** Changes a stored lineItem or result in place, as a teacher or an operator would in IC itself. */
    synchronized boolean edit(boolean lineItem, String id, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode node = (lineItem ? lineItems : results).get(id);
        if (node == null) {
            return false;
        }
        change.accept(node);
        return true;
    }

    synchronized Map<String, JsonNode> allLineItems() {
        return copy(lineItems);
    }

    synchronized Map<String, JsonNode> allResults() {
        return copy(results);
    }

    private void requireClass(String classId) {
        if (!classes.containsKey(classId)) {
            throw new IllegalArgumentException("unknown class " + classId);
        }
    }

    private static Map<String, JsonNode> copy(Map<String, ObjectNode> source) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, v.deepCopy()));
        return copy;
    }
}
