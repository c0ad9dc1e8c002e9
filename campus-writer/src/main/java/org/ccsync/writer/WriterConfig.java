package org.ccsync.writer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Typed settings of campus-writer: one entry per district (tenant), plus retry, HTTP and cache tuning. */
@ConfigMapping(prefix = "ccsync")
public interface WriterConfig {

    /** Per-district Infinite Campus connection, keyed by tenant: {@code ccsync.districts."<tenant>".<key>}. */
    Map<String, District> districts();

    Retry retry();

    Http http();

    /** How long a class's categories, school, terms and grading periods are reused before IC is asked again. */
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

    /** Timeouts of every IC call. */
    interface Http {

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("30s")
        Duration readTimeout();
    }
}
