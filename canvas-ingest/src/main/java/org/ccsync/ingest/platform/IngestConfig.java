package org.ccsync.ingest.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed settings of canvas-ingest: the districts it serves, the webhook limits, the Canvas REST pacing, the
 * incremental poller, the daily schedule and the scheduler lease.
 */
@ConfigMapping(prefix = "ccsync")
public interface IngestConfig {

    /** The districts, keyed by tenant: {@code ccsync.districts."<tenant>".<key>}. */
    Map<String, District> districts();

    Webhook webhook();

    Canvas canvas();

    Triggers triggers();

    Poll poll();

    DailySync dailySync();

    Lease lease();

    /** One district's Canvas instance and Live Events subscription. */
    interface District {

        /** For example {@code https://district.instructure.com}. */
        String canvasBaseUrl();

        /** The bearer token for Canvas REST; never logged. */
        String canvasToken();

        /** The JWKS URL that signs this district's Live Events. */
        String jwksUrl();

        /** Accept raw, unsigned JSON events (only for subscriptions with "Sign Payload" off). */
        @WithDefault("false")
        boolean allowUnsigned();

        @WithDefault("1")
        String accountId();

        /**
         * The course ids the poller keeps in sync; when absent, every published course of {@link #accountId()}.
         */
        Optional<List<String>> courses();
    }

    /** Limits of the Live Events endpoint. */
    interface Webhook {

        @WithDefault("262144")
        int maxBodyBytes();

        /** Tolerance for the JWS {@code exp} claim against our clock. */
        @WithDefault("PT30S")
        Duration clockSkew();

        /** Timeouts of one JWKS fetch, kept well below Canvas's 15 s delivery timeout. */
        @WithDefault("PT5S")
        Duration jwksTimeout();

        /** How long cached signing keys stay usable while the JWKS endpoint fails. */
        @WithDefault("PT1H")
        Duration jwksRetainOnError();
    }

    /** Canvas REST pacing, retries and timeouts. */
    interface Canvas {

        @WithDefault("100")
        int perPage();

        /** Below this {@code X-Rate-Limit-Remaining}, wait before the next call. */
        @WithDefault("100")
        double rateLimitFloor();

        /** How fast the Canvas leaky bucket drains, in cost units per second; sizes the pacing wait. */
        @WithDefault("10")
        double rateLimitDrainPerSecond();

        /** Attempts per request, the first included, for throttling, 5xx, I/O and unparseable responses. */
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("PT0.5S")
        Duration backoffBase();

        @WithDefault("PT30S")
        Duration backoffMax();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT30S")
        Duration readTimeout();
    }

    /** How Live Event triggers are turned into re-reads. */
    interface Triggers {

        /** A course's roster older than this is re-read before its assignment and scores. */
        @WithDefault("PT10M")
        Duration rosterMaxAge();

        /**
         * The least time between the starts of two re-reads of one course: a quiet course is re-read at once, one
         * that keeps bursting at most once per window, so that one re-read covers the triggers that arrived meanwhile;
         * later triggers whose event happened before the re-read began are skipped.
         */
        @WithDefault("PT1S")
        Duration coalesceWindow();

        /** How many courses of one district are re-read at the same time (Canvas calls still take turns). */
        @WithDefault("4")
        int districtParallelism();

        /** How many consumed triggers may wait for their course's re-read before the consumer stops polling. */
        @WithDefault("10000")
        int maxWaiting();

        /** Allowance for clock skew between Canvas and us when deciding that a re-read covers an event. */
        @WithDefault("PT1S")
        Duration clockSkew();
    }

    /** The incremental poller: a {@code graded_since} watermark per course plus an assignments check. */
    interface Poll {

        /** How often the poller runs ({@code @Scheduled(every = "${ccsync.poll.interval}")}). */
        @WithDefault("60s")
        String interval();

        /**
         * Subtracted from the watermark in {@code graded_since}: covers grades committed after a poll began with an
         * earlier {@code graded_at}, and clock differences between Canvas and us.
         */
        @WithDefault("PT5M")
        Duration skew();

        /** How far back the first poll of a course (no watermark yet) asks for graded submissions. */
        @WithDefault("P30D")
        Duration initialLookback();

        /** How long the list of an account's published courses is reused before it is read again. */
        @WithDefault("PT15M")
        Duration courseListMaxAge();
    }

    /** The scheduled daily reconciliation of courses whose "scheduled daily sync" is on. */
    interface DailySync {

        /** The local time from which a course's daily reconciliation is due. */
        @WithDefault("02:00")
        LocalTime at();

        @WithDefault("America/Chicago")
        ZoneId timeZone();

        /** How often the scheduler looks for due courses. */
        @WithDefault("5m")
        String checkInterval();
    }

    /** The PostgreSQL lease that makes a scheduled job run on one replica at a time. */
    interface Lease {

        /** How long a lease lasts without renewal; it is renewed every third of it while the job runs. */
        @WithDefault("PT2M")
        Duration ttl();

        /** This replica's holder name; a host name and a random suffix when absent. */
        Optional<String> holder();
    }
}
