package org.ccsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** A failure is described by its innermost cause, with or without a message. */
class ThrowablesTest {

    @Test
    void theInnermostCauseNamesTheFailure() {
        Throwable wrapped = new IllegalStateException("outer",
                new UncheckedIOException(new ConnectException("Connection refused")));
        assertThat(Throwables.rootMessage(wrapped)).isEqualTo("ConnectException: Connection refused");
        assertThat(Throwables.rootMessage(new IllegalStateException(new NullPointerException())))
                .isEqualTo("NullPointerException");
    }
}
