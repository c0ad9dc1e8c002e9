package org.ccsync.sandbox.campus;

import java.time.Clock;

/** The shared mutable state of one simulator, handed to both the router and the control API. */
record CampusControlParts(
        CampusStore store,
        CampusSettings settings,
        FaultPlan faults,
        TrafficStats stats,
        RequestJournal journal,
        TokenIssuer tokens,
        CampusControl control) {

    static CampusControlParts create(CampusSimulatorConfig config) {
        CampusStore store = new CampusStore();
        CampusSettings settings = new CampusSettings(config.latencyMillis(), config.maxConcurrent());
        FaultPlan faults = new FaultPlan();
        TrafficStats stats = new TrafficStats();
        RequestJournal journal = new RequestJournal();
        TokenIssuer tokens = new TokenIssuer(config.tokenTtlSeconds(), Clock.systemUTC());
        CampusControl control = new CampusControl(config, store, settings, faults, stats, journal, tokens);
        return new CampusControlParts(store, settings, faults, stats, journal, tokens, control);
    }
}
