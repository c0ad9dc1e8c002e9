package org.ccsync.eligibility;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-district eligibility settings, {@code ccsync.districts."<tenant>".*}; an unlisted district gets the defaults. */
@ConfigMapping(prefix = "ccsync")
public interface EligibilityConfig {

    /** How long consumed event ids are kept for de-duplication; versions guard anything older. */
    @WithDefault("P7D")
    Duration processedEventRetention();

    /** Settings per district (tenant); an unknown tenant yields a district with every default. */
    @WithDefaults
    Map<String, District> districts();

    /** The settings of one district, or the defaults when the district is not configured. */
    default District district(String tenant) {
        return districts().get(tenant);
    }

    /** The eligibility settings of one district. */
    interface District {

        /** Canvas course ids enabled for sync; absent or empty means every course. */
        Optional<List<String>> enabledCourses();

        /** Like Canvas's {@code sis_require_assignment_due_date}: every synced section needs a due date. */
        @WithDefault("true")
        boolean requireDueDate();

        /** The longest assignment name IC accepts; 0 or less turns the check off. */
        @WithDefault("30")
        int nameLengthLimit();

        /** Whether hidden (unposted) scores sync. */
        @WithDefault("SYNC")
        HiddenGrades hiddenGrades();

        /** What happens to IC lineItems of an assignment that turns ineligible; a Canvas delete always deletes. */
        @WithDefault("DELETE")
        IneligibleAction ineligibleAction();

        /** Whether the course is enabled for sync in this district. */
        default boolean courseEnabled(String courseId) {
            return enabledCourses().map(list -> list.isEmpty() || list.contains(courseId)).orElse(true);
        }
    }

    /** The hidden-grade policy. */
    enum HiddenGrades {
        /** Send hidden scores too, like Canvas's built-in sync. */
        SYNC,
        /** Send a score only once it is posted to the student. */
        ONLY_POSTED
    }

    /** What to do with already synced lineItems when an assignment turns ineligible. */
    enum IneligibleAction {
        /** Delete the lineItem in every class it was synced to. */
        DELETE,
        /** Leave IC as it is and only report the skip. */
        LEAVE
    }
}
