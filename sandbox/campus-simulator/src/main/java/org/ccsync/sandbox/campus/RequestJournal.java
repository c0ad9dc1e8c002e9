package org.ccsync.sandbox.campus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Bounded, thread-safe log of answered requests; the oldest entries drop out beyond the capacity. */
final class RequestJournal {

    static final int CAPACITY = 100_000;

    private final Deque<RequestLogEntry> entries = new ArrayDeque<>();

    synchronized void add(RequestLogEntry entry) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    synchronized List<RequestLogEntry> entries() {
        return new ArrayList<>(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
