package org.ccsync.writer.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.ccsync.writer.outbound.ic.Backoff;

/** Typed settings of campus-writer: one entry per district (tenant), plus retry, HTTP, lane and circuit tuning. */
@ConfigMapping(prefix = "ccsync")
public interface WriterConfig {

    /** Per-district Infinite Campus connection, keyed by tenant: {@code ccsync.districts."<tenant>".<key>}. */
    Map<String, District> districts();

    Retry retry();

    Http http();

    Lanes lanes();

    Circuit circuit();

    /**
     * How long a class's categories, school, terms, grading periods and (with IC rostering identity) students are
     * reused before IC is asked again.
     */
    @WithDefault("15m")
    Duration rosterCacheTtl();

    /** One district's IC connection and mapping defaults. */
    interface District {

        /** Scheme, host and port, e.g. {@code https://district.infinitecampus.org}; IC paths are appended. */
        String campusBaseUrl();

        String appName();

        String clientId();

        String clientSecret();

        String vendorKey();

        String vendorSecret();

        /** The IC category title used when neither an explicit mapping nor a name match finds one. */
        Optional<String> defaultCategory();

        /** District-wide Canvas assignment group name to IC category title. */
        Map<String, String> categoryMappings();

        @WithDefault("1")
        int maxConcurrentPeak();

        @WithDefault("5")
        int maxConcurrentOffPeak();

        /** Local peak window {@code HH:mm-HH:mm} in {@link #timeZone()}. */
        @WithDefault("07:00-16:00")
        String peakHours();

        @WithDefault("America/Chicago")
        String timeZone();

        /** The day the district's IC key and secret expire (IC's default is a year after issue), if known. */
        Optional<LocalDate> credentialsExpireAt();

        /** Attempts per IC call for this district, overriding {@code ccsync.retry.max-attempts}. */
        Optional<Integer> retryMaxAttempts();

        /**
         * The OAuth2 client of the district's Roster connection, when IC gave rostering its own key and secret;
         * without it rostering is read with the Grade Book Sync client ({@link #clientId()}).
         */
        Optional<String> rosteringClientId();

        Optional<String> rosteringClientSecret();

        /**
         * Whether token requests name their OneRoster 1.2 scopes ({@code gradebook.createput}, {@code .readonly},
         * {@code .delete}, {@code roster-core.readonly}, {@code roster.readonly}; {@code gradebook.createpost} with
         * batch writes); false for a provider that refuses any scope parameter.
         */
        @WithDefault("true")
        boolean tokenScopes();

        /**
         * Whether a grading period includes its end date. OneRoster 1.2 says the end date is excluded (false); true for
         * a provider that publishes the last day of a period as its end date.
         */
        @WithDefault("false")
        boolean gradingPeriodEndInclusive();

        /** How Canvas SIS ids become IC classes and students. */
        @WithDefault("sis-ids")
        IdentityStrategy identityStrategy();

        /**
         * Whether results of one lineItem that wait together go to IC in one {@code POST /lineItems/{id}/results}
         * (OneRoster 1.2 batch create, which IC does not document); off, each result is one PUT.
         */
        @WithDefault("false")
        boolean batchResults();

        /** The most results in one batch request. */
        @WithDefault("100")
        int batchMaxResults();

        /** What a verification does with drift: {@code repair} writes Canvas's values again, {@code report-only} records it. */
        @WithDefault("repair")
        DriftMode driftMode();

        /**
         * Whose category and grading period win once a teacher changed them in IC: {@code keep} (IC's, by default; the
         * seed's teachers pick them in IC) or {@code canvas-wins} (the mapping's, written again).
         */
        @WithDefault("keep")
        IcSideChanges icSideChanges();

        /** lineItem deletes of one course in one burst above which the burst is held for a district admin. */
        @WithDefault("10")
        int holdLineItemDeletes();

        /**
         * The fewest deletes of one burst that are held when they are more than half of the course's lineItems in IC
         * (Canvas answering 404 for most of a course's assignments).
         */
        @WithDefault("3")
        int holdShareMinDeletes();

        /**
         * The share (percent) of a course's scores in IC that may change within {@code ccsync.drift.result-change-window}
         * before further changes are held for a district admin; 100 never holds.
         */
        @WithDefault("50")
        int holdResultChangePercent();

        /** The fewest scores in IC a course must have for its score changes to be held by share. */
        @WithDefault("20")
        int holdResultChangeMin();
    }

    /** What a verification does with the differences it finds. */
    enum DriftMode {
        REPAIR,
        REPORT_ONLY
    }

    /** Whose category and grading period win after a teacher changed them in IC. */
    enum IcSideChanges {
        KEEP,
        CANVAS_WINS
    }

    /** How Canvas SIS ids become IC sourcedIds. */
    enum IdentityStrategy {
        /** Canvas {@code sis_section_id} is the IC class sourcedId and {@code sis_user_id} the student's (Canvas provisioned from IC). */
        SIS_IDS,
        /**
         * Look them up in IC's rostering: a class by sourcedId, then by {@code classCode}; a student of that class by
         * sourcedId, {@code identifier}, {@code userIds} or the OneRoster 1.1 id kept in
         * {@code metadata.ic.legacysourceId}.
         */
        IC_ROSTERING
    }

    /** How district lanes buffer work and hold their cross-replica lock. */
    interface Lanes {

        /** Queued writes of one district above which its Kafka partition is paused; resumed at half. */
        @WithDefault("1000")
        int queueHighWater();

        /** First wait before asking again for a district lock another replica still holds; doubles each time. */
        @WithDefault("200ms")
        Duration lockRetryInitial();

        @WithDefault("5s")
        Duration lockRetryMax();

        /** How long an idle lane keeps its district lock, so a trickle of writes does not re-lock each time. */
        @WithDefault("5s")
        Duration lockLinger();

        /** How often a held lock's database session is checked; a lost session stops the lane until re-locked. */
        @WithDefault("15s")
        Duration lockCheckInterval();
    }

    /** The per-district circuit breaker: it pauses a lane while the district's IC keeps failing. */
    interface Circuit {

        /** Consecutive transient failures (429, 5xx, timeouts) of one district that open its circuit. */
        @WithDefault("3")
        int failureThreshold();

        /** The first pause; each failed probe doubles it up to {@link #maxCoolDown()}. */
        @WithDefault("30s")
        Duration coolDown();

        @WithDefault("5m")
        Duration maxCoolDown();

        /** How often one write may be put back by an open circuit before it is reported and parked on the DLQ. */
        @WithDefault("20")
        int maxItemRequeues();
    }

    /** Backoff for 429, 5xx, timeouts and connection errors; after the last attempt the record goes to the DLQ. */
    interface Retry {

        @WithDefault("5")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialDelay();

        /** The longest wait between attempts; a Retry-After beyond it ends the retries instead of calling early. */
        @WithDefault("30s")
        Duration maxDelay();
    }

    Drift drift();

    /** When a course's verification against IC starts after its full sync. */
    interface Drift {

        /** How long a course's writes must have been quiet in its lane before the run's verification reads IC. */
        @WithDefault("2s")
        Duration settle();

        /** The longest a run's verification waits for the course's writes to settle; it then verifies anyway. */
        @WithDefault("10m")
        Duration settleMax();

        /** How long a course's lineItem deletes must be quiet before their burst is judged (and sent or held). */
        @WithDefault("3s")
        Duration deleteBurstQuiet();

        /** The window in which a course's changed scores are counted against {@code hold-result-change-percent}. */
        @WithDefault("10m")
        Duration resultChangeWindow();
    }

    /** Timeouts of every IC call. */
    interface Http {

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("30s")
        Duration readTimeout();

        /** The {@code limit} of each page when reading a OneRoster collection. */
        @WithDefault("100")
        int pageSize();
    }
}
