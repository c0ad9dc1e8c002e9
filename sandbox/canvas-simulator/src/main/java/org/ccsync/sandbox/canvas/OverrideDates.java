package org.ccsync.sandbox.canvas;

import java.time.Instant;

/**
 * The dates an override sets, as the "Assign to" dialog sends them: the due date is either overridden (to a date or
 * to none) or left to the assignment; the availability dates are overridden when not null.
 */
public record OverrideDates(boolean dueAtOverridden, Instant dueAt, Instant unlockAt, Instant lockAt) {

    public OverrideDates {
        if (!dueAtOverridden && dueAt != null) {
            throw new IllegalArgumentException("a due date is given but not overridden");
        }
    }

    /** Overrides the due date only; null means "no due date" for the target. */
    public static OverrideDates due(Instant dueAt) {
        return new OverrideDates(true, dueAt, null, null);
    }

    /** Overrides only when the assignment is available; the target keeps the assignment's due date. */
    public static OverrideDates availability(Instant unlockAt, Instant lockAt) {
        return new OverrideDates(false, null, unlockAt, lockAt);
    }
}
