package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Live Event ready to publish: its name, the course whose delivery order it joins, and its envelope. */
record LiveEvent(String name, long courseId, ObjectNode envelope) {
}
