package org.ccsync.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.ccsync.ingest.outbound.canvas.CanvasModels;
import org.junit.jupiter.api.Test;

/** The roster snapshot rules: a course's published and concluded state. */
class RosterReaderTest {

    @Test
    void courseStateAndConclusion() {
        assertThat(RosterReader.published(new CanvasModels.Course("1", "B", "available", null, false))).isTrue();
        assertThat(RosterReader.published(new CanvasModels.Course("1", "B", "unpublished", null, false))).isFalse();
        assertThat(RosterReader.concluded(new CanvasModels.Course("1", "B", "completed", null, null))).isTrue();
        assertThat(RosterReader.concluded(new CanvasModels.Course("1", "B", "available", null, true)))
                .as("past its end date or term's").isTrue();
        assertThat(RosterReader.concluded(new CanvasModels.Course("1", "B", "available", null, false))).isFalse();
        assertThat(RosterReader.concluded(new CanvasModels.Course("1", "B", "available", null))).isFalse();
    }
}
