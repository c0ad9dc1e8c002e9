package org.ccsync.eligibility.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-district eligibility settings, {@code ccsync.districts."<tenant>".*}; an unlisted district gets the defaults. */
@ConfigMapping(prefix = "ccsync")
public interface EligibilityConfig {

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

        /**
         * Whether hidden (unposted) scores sync: by default only posted ones, so IC never shows parents a grade the
         * teacher has not released; posting in Canvas then syncs it at once.
         */
        @WithDefault("ONLY_POSTED")
        HiddenGrades hiddenGrades();

        /** What a score above the assignment's points possible (extra credit, legal in Canvas) becomes in IC. */
        @WithDefault("SEND")
        ExtraCredit extraCredit();

        /**
         * What happens to IC lineItems of an assignment that stops qualifying after it synced; a Canvas delete always
         * deletes, a concluded course always keeps.
         */
        @WithDefault("KEEP")
        IneligibleAction ineligibleAction();

        /** What happens to a score part of which still waits for a teacher's review in Canvas. */
        @WithDefault("HOLD")
        PendingReview pendingReview();

        /** Whether the course is enabled for sync in this district. */
        default boolean courseEnabled(String courseId) {
            return enabledCourses().map(list -> list.isEmpty() || list.contains(courseId)).orElse(true);
        }
    }

    /** The hidden-grade policy. */
    enum HiddenGrades {
        /** Send hidden scores too, like Canvas's built-in sync. */
        SYNC,
        /** Send a score only once it is posted to the student (the default). */
        ONLY_POSTED
    }

    /** The extra-credit policy. */
    enum ExtraCredit {
        /** Send the score as Canvas has it, above the maximum; IC counts the excess as extra credit. */
        SEND,
        /** Send at most the points possible, and say so in an outcome of the result. */
        CAP
    }

    /** What to do with already synced lineItems when an assignment turns ineligible. */
    enum IneligibleAction {
        /** Delete the lineItem, and with it its results, in every class it was synced to. */
        DELETE,
        /** Keep the lineItems and results in IC as last synced, stop syncing them, and say so. */
        KEEP
    }

    /** The policy for scores still pending review in Canvas (essay questions, checkpoints). */
    enum PendingReview {
        /** Keep the score out of IC until it is fully graded, with a visible skip. */
        HOLD,
        /** Send it with OneRoster's "partially graded" status, never as "fully graded". */
        PARTIALLY_GRADED
    }
}
