package org.ccsync.support;

import org.ccsync.contracts.CampusWrite;
import org.jboss.logging.MDC;

/**
 * Puts the district, course and event of the work at hand into the logging MDC, so that every log line written
 * while handling it carries {@code tenant}, {@code courseId} and {@code eventId}; closing it restores what was there.
 */
public final class LogContext implements AutoCloseable {

    /** The MDC key of the district. */
    public static final String TENANT = "tenant";
    /** The MDC key of the Canvas course. */
    public static final String COURSE_ID = "courseId";
    /** The MDC key of the event (or events, comma-separated) being handled. */
    public static final String EVENT_ID = "eventId";

    private static final String[] KEYS = {TENANT, COURSE_ID, EVENT_ID};

    private final Object[] previous;

    private LogContext(Object[] previous) {
        this.previous = previous;
    }

    /**
     * Sets the three fields on the current thread (or Vert.x context) until {@link #close()}; a null value clears
     * its field for that time, so a value of an outer scope never describes work it does not belong to.
     */
    public static LogContext open(String tenant, String courseId, String eventId) {
        String[] values = {tenant, courseId, eventId};
        Object[] previous = new Object[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            previous[i] = MDC.get(KEYS[i]);
            set(KEYS[i], values[i]);
        }
        return new LogContext(previous);
    }

    /** The fields of one campus-writes command. */
    public static LogContext of(CampusWrite command) {
        return open(command.tenant(), command.courseId(), command.eventId());
    }

    /** Restores the fields as they were before {@link #open}. */
    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            set(KEYS[i], previous[i]);
        }
    }

    private static void set(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
