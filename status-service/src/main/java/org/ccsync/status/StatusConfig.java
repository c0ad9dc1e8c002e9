package org.ccsync.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Typed settings of status-service: per-district display and schedule defaults, sign-in, metrics and retention. */
@ConfigMapping(prefix = "ccsync")
public interface StatusConfig {

    /** Per-district settings, keyed by tenant: {@code ccsync.districts."<tenant>".<key>}. */
    Map<String, District> districts();

    /** The time zone of a district that has no {@code time-zone} of its own. */
    @WithDefault("America/Chicago")
    ZoneId defaultTimeZone();

    /** How early before its IC credentials expire a district is flagged on the dashboard. */
    @WithDefault("P14D")
    Duration credentialsExpiryWarning();

    /** How long consumed event ids are kept for de-duplication; versions guard anything older. */
    @WithDefault("P7D")
    Duration processedEventRetention();

    Auth auth();

    Ui ui();

    Metrics metrics();

    /** One district's display and schedule defaults. */
    interface District {

        /** The zone every time on the web page is shown in. */
        @WithDefault("America/Chicago")
        ZoneId timeZone();

        /** Whether a course that nobody has switched on or off runs the scheduled daily sync. */
        @WithDefault("false")
        boolean dailySyncDefault();
    }

    /** Which token claims identify the caller's district and, for teachers, their Canvas login. */
    interface Auth {

        /** The claim naming the caller's district (tenant). */
        @WithDefault("district")
        String districtClaim();

        /** Claims compared, case-insensitively, with the teachers' Canvas login ids from the roster. */
        @WithDefault("email,upn,preferred_username")
        List<String> loginClaims();
    }

    /** The web page's sign-in cookie. */
    interface Ui {

        /** Whether the sign-in cookie is marked Secure (sent over HTTPS only). */
        @WithDefault("true")
        boolean secureCookie();
    }

    /** Refresh of the backlog and dead-letter gauges. */
    interface Metrics {

        /** How often the backlog gauges are recomputed from the views. */
        @WithDefault("30s")
        Duration backlogInterval();

        /** How often the dead-letter topics' offsets are read. */
        @WithDefault("60s")
        Duration dlqInterval();

        /** The consumer group an operator's DLQ replay commits with; records before its offsets count as replayed. */
        @WithDefault("dlq-replay")
        String dlqReplayGroup();
    }
}
