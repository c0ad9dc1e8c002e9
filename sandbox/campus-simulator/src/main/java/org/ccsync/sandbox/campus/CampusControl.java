package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** In-process control of one running simulator: load settings, fault injection, roster set-up and inspection. */
public final class CampusControl {

    private final CampusSimulatorConfig config;
    private final CampusStore store;
    private final CampusSettings settings;
    private final FaultPlan faults;
    private final TrafficStats stats;
    private final RequestJournal journal;
    private final TokenIssuer tokens;

    CampusControl(CampusSimulatorConfig config, CampusStore store, CampusSettings settings, FaultPlan faults,
                  TrafficStats stats, RequestJournal journal, TokenIssuer tokens) {
        this.config = config;
        this.store = store;
        this.settings = settings;
        this.faults = faults;
        this.stats = stats;
        this.journal = journal;
        this.tokens = tokens;
    }

    /**
     * Disables the district's client credentials, as IC does when they expire or are revoked: every issued access
     * token stops working and the token endpoint answers 401 {@code invalid_client} until {@link #acceptCredentials()}.
     */
    public void rejectCredentials() {
        tokens.setCredentialsRejected(true);
    }

    /** Accepts the configured client credentials again (tokens revoked before stay revoked). */
    public void acceptCredentials() {
        tokens.setCredentialsRejected(false);
    }

    /** Every access token the token endpoint issued since the simulator started, oldest first. */
    public List<String> issuedTokens() {
        return tokens.issued();
    }

    /** Delay added to every admitted gradebook request. */
    public void setLatencyMillis(long latencyMillis) {
        settings.setLatencyMillis(latencyMillis);
    }

    public long latencyMillis() {
        return settings.latencyMillis();
    }

    /** Gradebook requests admitted in flight at once; more are answered 429 server_busy at once. */
    public void setMaxConcurrent(int maxConcurrent) {
        settings.setMaxConcurrent(maxConcurrent);
    }

    public int maxConcurrent() {
        return settings.maxConcurrent();
    }

    /** Retry-After seconds on 429/503 answers; null sends no header. */
    public void setRetryAfterSeconds(Integer seconds) {
        settings.setRetryAfterSeconds(seconds);
    }

    public Integer retryAfterSeconds() {
        return settings.retryAfterSeconds();
    }

    /** The next {@code count} admitted gradebook requests are answered with {@code status} and the imsx body. */
    public void failNext(int count, int status) {
        faults.failNext(count, status);
    }

    /** A random fraction {@code rate} (0..1) of admitted gradebook requests is answered with {@code status}. */
    public void setFailureRate(double rate, int status) {
        faults.setFailureRate(rate, status);
    }

    /** Random server errors, 429s and unanswered requests at once, as an unsteady IC gives them; see {@link FaultMix}. */
    public void setFaultMix(FaultMix mix) {
        faults.setMix(mix);
    }

    /** The next {@code count} admitted gradebook requests are never answered; their connection is closed after 60 s. */
    public void timeoutNext(int count) {
        faults.timeoutNext(count);
    }

    /** Removes every pending or random fault. */
    public void clearFaults() {
        faults.clear();
    }

    /** Adds (or replaces) a class in a school and terms; its categories and enrollments start empty. */
    public void addClass(String sourcedId, String title, String schoolSourcedId, String... termSourcedIds) {
        store.addClass(new RosterClass(sourcedId, title, schoolSourcedId, List.of(termSourcedIds), null));
    }

    /** Sets the class code of an existing class, which {@code GET /classes?filter=classCode='...'} finds. */
    public void setClassCode(String classSourcedId, String classCode) {
        store.setClassCode(classSourcedId, classCode);
    }

    /**
     * Gives a student (created on first use) the ids another system may know them by: {@code identifier}, the
     * OneRoster 1.1 sourcedId kept in {@code metadata.ic.legacysourceId}, and {@code userIds} (any may be null/empty).
     */
    public void setStudentIds(String studentSourcedId, String identifier, String legacySourcedId, String... userIds) {
        store.setUserIds(studentSourcedId, identifier, legacySourcedId, List.of(userIds));
    }

    /**
     * Gives the district a separate Roster connection: rostering then accepts only tokens of this client, and the
     * gradebook only tokens of the Grade Book Sync client. Null id removes it.
     */
    public void setRosteringClient(String clientId, String clientSecret) {
        settings.setRosteringClient(clientId, clientSecret);
    }

    /** Whether a grading period includes its end date; OneRoster 1.2 (and the default) excludes it. */
    public void setGradingPeriodEndInclusive(boolean inclusive) {
        settings.setGradingPeriodEndInclusive(inclusive);
    }

    public boolean gradingPeriodEndInclusive() {
        return settings.gradingPeriodEndInclusive();
    }

    /** Whether the token endpoint refuses a request that names no scope. */
    public void setRequireScopes(boolean require) {
        settings.setRequireScopes(require);
    }

    public boolean requireScopes() {
        return settings.requireScopes();
    }

    /** The {@code scope} of every token request answered with a token ("" for none), oldest first. */
    public List<String> requestedScopes() {
        return tokens.requestedScopes();
    }

    /** Adds a category without weight to an existing class. */
    public void addCategory(String classSourcedId, String sourcedId, String title) {
        addCategory(classSourcedId, sourcedId, title, null);
    }

    /** Adds a weighted category to an existing class. */
    public void addCategory(String classSourcedId, String sourcedId, String title, Double weight) {
        store.addCategory(classSourcedId, new RosterCategory(sourcedId, title, weight));
    }

    /** Enrolls a student (created on first use, named "Student N" for STU-N) in an existing class. */
    public void enroll(String classSourcedId, String studentSourcedId) {
        store.enroll(classSourcedId, studentSourcedId);
    }

    /** Adds a grading period to a term; as in OneRoster 1.2, the end date is excluded from it. */
    public void addGradingPeriod(String termSourcedId, String sourcedId, String title, LocalDate startDate, LocalDate endDate) {
        store.addGradingPeriod(new GradingPeriod(sourcedId, title, termSourcedId, startDate, endDate));
    }

    /** Current stored lineItem bodies by sourcedId (copies). */
    public Map<String, JsonNode> lineItems() {
        return store.allLineItems();
    }

    /** Current stored result bodies by sourcedId (copies). */
    public Map<String, JsonNode> results() {
        return store.allResults();
    }

    /** Changes a result's score in IC behind the writer's back (a teacher typing in IC); false when IC has none. */
    public boolean changeScore(String resultSourcedId, double score) {
        return store.edit(false, resultSourcedId, r -> r.put("score", score));
    }

    /** Deletes a result in IC behind the writer's back; false when IC had none. */
    public boolean deleteResultBehindWriter(String resultSourcedId) {
        return store.deleteResult(resultSourcedId);
    }

    /** Renames a lineItem in IC behind the writer's back; false when IC has none. */
    public boolean renameLineItem(String lineItemSourcedId, String title) {
        return store.edit(true, lineItemSourcedId, li -> li.put("title", title));
    }

    /** Deletes a lineItem (and, as IC does, its results) behind the writer's back; false when IC had none. */
    public boolean deleteLineItemBehindWriter(String lineItemSourcedId) {
        return store.deleteLineItem(lineItemSourcedId);
    }

    /** Files a lineItem under another category of its class, as a teacher does in IC; false when IC has none. */
    public boolean changeCategory(String lineItemSourcedId, String categorySourcedId) {
        return store.edit(true, lineItemSourcedId, li -> {
            if (li.get("category") instanceof com.fasterxml.jackson.databind.node.ObjectNode category) {
                category.put("sourcedId", categorySourcedId);
            } else {
                li.putObject("category").put("sourcedId", categorySourcedId).put("type", "category");
            }
        });
    }

    /** Requests answered on the token, gradebook and rostering endpoints since the last reset, oldest first. */
    public List<RequestLogEntry> requests() {
        return journal.entries();
    }

    public CampusStats stats() {
        return stats.snapshot();
    }

    /** Zeroes the counters (peak included) and clears the request log. */
    public void resetStats() {
        stats.reset();
        journal.clear();
    }

    /** Back to the start state: gradebook emptied, roster reseeded, faults cleared, settings from the config, stats reset. */
    public void reset() {
        store.clear();
        if (config.seedDemo()) {
            DemoCampus.seed(this);
        }
        faults.clear();
        tokens.setCredentialsRejected(false);
        settings.setLatencyMillis(config.latencyMillis());
        settings.setMaxConcurrent(config.maxConcurrent());
        settings.setRetryAfterSeconds(null);
        settings.setTimeoutHoldMillis(CampusSettings.DEFAULT_TIMEOUT_HOLD_MILLIS);
        settings.setGradingPeriodEndInclusive(false);
        settings.setRequireScopes(false);
        settings.setRosteringClient(null, null);
        resetStats();
    }

    /** How long an unanswered (timed-out) request is held before its connection is closed. */
    public void setTimeoutHoldMillis(long millis) {
        settings.setTimeoutHoldMillis(millis);
    }

    CampusSimulatorConfig config() {
        return config;
    }
}
