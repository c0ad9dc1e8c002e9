package org.ccsync.eligibility.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ccsync.eligibility.persistence.Assignment;
import org.ccsync.eligibility.persistence.Course;
import org.ccsync.eligibility.persistence.CourseSection;
import org.ccsync.eligibility.persistence.GradingPeriod;
import org.ccsync.eligibility.persistence.StudentEnrollment;
import org.ccsync.eligibility.platform.EligibilityConfig;

/** The state of one course the rules run against, loaded once per snapshot. */
record CourseContext(
        EligibilityConfig.District district,
        EligibilityRules.Policy policy,
        EligibilityRules.CourseFacts facts,
        List<Assignment> assignments,
        Map<String, List<StudentEnrollment>> studentsBySection) {

    List<StudentEnrollment> students(String sectionId) {
        return studentsBySection.getOrDefault(sectionId, List.of());
    }

    /** The course's stored state, or null while the course has no roster yet. */
    static CourseContext load(EligibilityConfig config, String tenant, String courseId) {
        Optional<Course> course = Course.byKey(tenant, courseId);
        if (course.isEmpty()) {
            return null;
        }
        EligibilityConfig.District district = config.district(tenant);
        List<Assignment> assignments = Assignment.ofCourse(tenant, courseId);
        EligibilityRules.CourseFacts facts = new EligibilityRules.CourseFacts(courseId,
                district.courseEnabled(courseId), course.get().concluded, course.get().published,
                course.get().notFound, course.get().publishedVersion,
                CourseSection.ofCourse(tenant, courseId).stream().map(CourseSection::toFacts).toList(),
                GradingPeriod.ofCourse(tenant, courseId).stream().map(GradingPeriod::toFacts).toList(),
                assignments.stream().map(Assignment::toFacts).toList());
        Map<String, List<StudentEnrollment>> bySection = StudentEnrollment.ofCourse(tenant, courseId).stream()
                .collect(Collectors.groupingBy(s -> s.sectionId, LinkedHashMap::new, Collectors.toList()));
        return new CourseContext(district, EligibilityRules.Policy.of(district), facts, assignments, bySection);
    }
}
