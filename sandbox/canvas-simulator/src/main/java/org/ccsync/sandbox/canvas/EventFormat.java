package org.ccsync.sandbox.canvas;

/**
 * The format a Data Services subscription delivers Live Events in, chosen by the admin in Canvas: Canvas's own
 * ({@code metadata} + {@code body}) or IMS Caliper 1.1 ({@code sensor}, {@code dataVersion}, {@code data[]}).
 */
public enum EventFormat {
    CANVAS,
    CALIPER
}
