package org.ccsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

/** A log context sets its three fields, clears the ones it has no value for, and restores the outer ones. */
class LogContextTest {

    @Test
    void nestedContextsRestoreTheOuterFields() {
        try (LogContext course = LogContext.open("demo", "101", null)) {
            assertThat(MDC.get(LogContext.TENANT)).isEqualTo("demo");
            assertThat(MDC.get(LogContext.COURSE_ID)).isEqualTo("101");
            assertThat(MDC.get(LogContext.EVENT_ID)).isNull();
            try (LogContext event = LogContext.open("demo", "102", "event-1")) {
                assertThat(MDC.get(LogContext.COURSE_ID)).isEqualTo("102");
                assertThat(MDC.get(LogContext.EVENT_ID)).isEqualTo("event-1");
                try (LogContext district = LogContext.open("demo", null, null)) {
                    assertThat(MDC.get(LogContext.COURSE_ID)).as("cleared for the inner scope").isNull();
                    assertThat(MDC.get(LogContext.EVENT_ID)).isNull();
                }
                assertThat(MDC.get(LogContext.EVENT_ID)).isEqualTo("event-1");
            }
            assertThat(MDC.get(LogContext.COURSE_ID)).isEqualTo("101");
            assertThat(MDC.get(LogContext.EVENT_ID)).isNull();
        }
        assertThat(MDC.get(LogContext.TENANT)).isNull();
        assertThat(MDC.get(LogContext.COURSE_ID)).isNull();
    }
}
