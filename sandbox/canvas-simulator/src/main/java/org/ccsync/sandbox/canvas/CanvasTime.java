package org.ccsync.sandbox.canvas;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Formats and parses instants as Canvas does: REST with optional millis, Live Events always with millis. */
final class CanvasTime {

    private static final DateTimeFormatter EVENT_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CanvasTime() {
    }

    static String rest(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static String event(Instant instant) {
        return instant == null ? null : EVENT_FORMAT.format(instant);
    }

    /** Parses an ISO-8601 instant, offset date-time or date (start of day UTC); a space stands for a decoded '+'. */
    static Instant parse(String text) {
        String value = text.trim().replace(' ', '+');
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                // Without an offset Canvas reads it in the user's time zone; the simulator's users are in UTC.
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                // falls through to a plain date
            }
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("not an ISO-8601 time: " + text, notDate);
            }
        }
    }
}
