package org.ccsync.status.inbound;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What every page of the web UI knows: the district, its time zone, the caller, and whether to reload while a run goes on. */
public record UiPage(String tenant, ZoneId zone, String caller, String signIn, boolean admin, boolean refresh) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.US);

    /** A time in the district's zone, or a dash. */
    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(zone));
    }

    /** How long ago, in words an admin reads at a glance. */
    public String age(Instant instant) {
        if (instant == null) {
            return "—";
        }
        long seconds = Math.max(0, Duration.between(instant, Instant.now()).toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }

    public String base() {
        return "/ui/districts/" + tenant;
    }
}
