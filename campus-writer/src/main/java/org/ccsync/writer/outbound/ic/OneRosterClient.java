package org.ccsync.writer.outbound.ic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.ccsync.support.Throwables;
import org.ccsync.writer.domain.DistrictHealth;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Talks OneRoster 1.2 to each district's Infinite Campus: cached OAuth2 client-credentials tokens asking for the
 * OneRoster 1.2 scopes (the Grade Book Sync client's, and a separate Roster client's when the district has one), the
 * vendor header on gradebook calls, one re-try on a 401, every collection read page by page (limit/offset, following
 * {@code Link}/{@code X-Total-Count}), backoff on transient failures, imsx error parsing, and each answer reported to
 * the district's circuit breaker and to {@code ccsync.ic.requests}.
 */
@ApplicationScoped
public class OneRosterClient {

    static final String SCOPE = "https://purl.imsglobal.org/spec/or/v1p2/scope/";
    /** The gradebook scopes of the calls the writer makes: PUT, GET and DELETE by sourcedId. */
    public static final List<String> GRADEBOOK_SCOPES = List.of(SCOPE + "gradebook.createput", SCOPE + "gradebook.readonly",
            SCOPE + "gradebook.delete");
    /** The scope of OneRoster 1.2's batch POSTs. */
    public static final String CREATEPOST_SCOPE = SCOPE + "gradebook.createpost";
    /** getClass and getAllClasses take roster-core; a class's students and a term's grading periods need roster. */
    public static final List<String> ROSTER_SCOPES = List.of(SCOPE + "roster-core.readonly", SCOPE + "roster.readonly");
    /** A provider that keeps saying "next" is not followed beyond this many pages. */
    private static final int MAX_PAGES = 1000;

    /** The error code of a rostering call refused for its credentials (not the district's gradebook credentials). */
    public static final String ROSTERING_REJECTED = "ic_rostering_rejected";
    private static final java.util.regex.Pattern NEXT_LINK =
            java.util.regex.Pattern.compile("rel\\s*=\\s*\"?next\"?", java.util.regex.Pattern.CASE_INSENSITIVE);

    private final WriterConfig config;
    private final ObjectMapper json;
    private final Backoff backoff;
    private final DistrictHealth health;
    private final WriterMetrics metrics;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    public OneRosterClient(WriterConfig config, ObjectMapper json, Backoff backoff, DistrictHealth health,
            WriterMetrics metrics) {
        this.config = config;
        this.json = json;
        this.backoff = backoff;
        this.health = health;
        this.metrics = metrics;
    }

    /** The district's settings, or a rejection when the tenant has no IC connection configured. */
    public WriterConfig.District district(String tenant) {
        WriterConfig.District district = config.districts().get(tenant);
        if (district == null) {
            throw WriteFailure.rejected("district_not_configured", 0,
                    "District " + tenant + " has no Infinite Campus connection configured (ccsync.districts).");
        }
        return district;
    }

    /** Absolute URL of a gradebook resource, used as a GUIDRef href. */
    public String gradebookHref(String tenant, String collection, String sourcedId) {
        return base(tenant) + "/campus" + OneRosterApi.GRADEBOOK + "/" + collection + "/" + sourcedId;
    }

    /** Absolute URL of a rostering resource, used as a GUIDRef href. */
    public String rosteringHref(String tenant, String collection, String sourcedId) {
        return base(tenant) + "/campus" + OneRosterApi.ROSTERING + "/" + collection + "/" + sourcedId;
    }

    /** Whether the district reads rostering with its own Roster client rather than the Grade Book Sync one. */
    public boolean separateRosteringClient(String tenant) {
        return district(tenant).rosteringClientId().isPresent();
    }

    public void putLineItem(String tenant, String sourcedId, String body) {
        call(tenant, "put_line_item", "PUT lineItem " + sourcedId, true,
                (c, bearer) -> c.api.putLineItem(sourcedId, bearer, c.vendor, body));
    }

    public void putResult(String tenant, String sourcedId, String body) {
        call(tenant, "put_result", "PUT result " + sourcedId, true,
                (c, bearer) -> c.api.putResult(sourcedId, bearer, c.vendor, body));
    }

    /**
     * Creates or replaces many results of one lineItem in one {@code POST /lineItems/{id}/results}.
     *
     * @return the sourcedId IC allocated to each supplied one, as its {@code sourcedIdPairs} report them
     */
    public Map<String, String> postResults(String tenant, String lineItemSourcedId, String body, int count) {
        Reply reply = call(tenant, "post_results", "POST " + count + " results of lineItem " + lineItemSourcedId, true,
                (c, bearer) -> c.api.postResults(lineItemSourcedId, bearer, c.vendor, body));
        Map<String, String> pairs = new java.util.HashMap<>();
        for (JsonNode pair : read(reply.body).path("sourcedIdPairs")) {
            pairs.put(pair.path("suppliedSourcedId").asText(), pair.path("allocatedSourcedId").asText());
        }
        return pairs;
    }

    /** Deletes a lineItem (IC deletes its results with it); false when IC did not have it: the same end state. */
    public boolean deleteLineItem(String tenant, String sourcedId) {
        return delete(tenant, "delete_line_item", "DELETE lineItem " + sourcedId,
                (c, bearer) -> c.api.deleteLineItem(sourcedId, bearer, c.vendor));
    }

    /** Deletes a result; false when IC did not have it, which leaves the same end state. */
    public boolean deleteResult(String tenant, String sourcedId) {
        return delete(tenant, "delete_result", "DELETE result " + sourcedId,
                (c, bearer) -> c.api.deleteResult(sourcedId, bearer, c.vendor));
    }

    /** The active categories of a class. */
    public List<IcCategory> categories(String tenant, String classSourcedId) {
        List<IcCategory> categories = new ArrayList<>();
        for (JsonNode node : readAll(tenant, "categories", "GET categories of class " + classSourcedId, true,
                "categories", (c, bearer, limit, offset) -> c.api.categories(classSourcedId, bearer, c.vendor, limit,
                        offset))) {
            if (active(node)) {
                categories.add(new IcCategory(node.path("sourcedId").asText(), node.path("title").asText()));
            }
        }
        return categories;
    }

    /** Every lineItem IC holds for a class, every page, by sourcedId (those marked {@code tobedeleted} left out). */
    public Map<String, JsonNode> lineItemsOfClass(String tenant, String classSourcedId) {
        return bySourcedId(readAll(tenant, "get_line_items", "GET lineItems of class " + classSourcedId, true,
                "lineItems", (c, bearer, limit, offset) -> c.api.lineItemsOfClass(classSourcedId, bearer, c.vendor,
                        limit, offset)));
    }

    /** Every result IC holds for a lineItem of a class, every page, by sourcedId. */
    public Map<String, JsonNode> resultsOfLineItem(String tenant, String classSourcedId, String lineItemSourcedId) {
        return bySourcedId(readAll(tenant, "get_results", "GET results of lineItem " + lineItemSourcedId, true,
                "results", (c, bearer, limit, offset) -> c.api.resultsOfLineItem(classSourcedId, lineItemSourcedId,
                        bearer, c.vendor, limit, offset)));
    }

    private static Map<String, JsonNode> bySourcedId(List<JsonNode> nodes) {
        Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        for (JsonNode node : nodes) {
            if (active(node)) {
                byId.put(node.path("sourcedId").asText(), node);
            }
        }
        return byId;
    }

    /** The school and terms of a class, from rostering. */
    public IcClass rosterClass(String tenant, String classSourcedId) {
        JsonNode node = read(call(tenant, "roster", "GET class " + classSourcedId, false,
                (c, bearer) -> c.api.rosterClass(classSourcedId, bearer)).body).path("class");
        List<String> terms = new ArrayList<>();
        for (JsonNode term : node.path("terms")) {
            terms.add(term.path("sourcedId").asText());
        }
        String school = node.path("school").path("sourcedId").asText(null);
        return new IcClass(classSourcedId, school, List.copyOf(terms));
    }

    /** The active grading periods of a term, from rostering. */
    public List<IcGradingPeriod> gradingPeriods(String tenant, String termSourcedId) {
        List<IcGradingPeriod> periods = new ArrayList<>();
        for (JsonNode node : readAll(tenant, "roster", "GET grading periods of term " + termSourcedId, false,
                "academicSessions", (c, bearer, limit, offset) -> c.api.gradingPeriods(termSourcedId, bearer, limit,
                        offset))) {
            if (active(node)) {
                periods.add(new IcGradingPeriod(node.path("sourcedId").asText(), node.path("title").asText(null),
                        date(node.path("startDate")), date(node.path("endDate"))));
            }
        }
        return periods;
    }

    /** A class of rostering by its sourcedId; empty when IC has no such class (404). */
    public Optional<JsonNode> findClass(String tenant, String classSourcedId) {
        try {
            return Optional.of(read(call(tenant, "roster", "GET class " + classSourcedId, false,
                    (c, bearer) -> c.api.rosterClass(classSourcedId, bearer)).body).path("class"));
        } catch (WriteFailure failure) {
            if (failure.status() == 404) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** The classes a OneRoster filter such as {@code classCode='BIO-1'} selects, every page. */
    public List<JsonNode> classes(String tenant, String filter) {
        return readAll(tenant, "roster", "GET classes where " + filter, false, "classes",
                (c, bearer, limit, offset) -> c.api.classes(filter, bearer, limit, offset));
    }

    /** The students of a class, every page. */
    public List<JsonNode> students(String tenant, String classSourcedId) {
        return readAll(tenant, "roster", "GET students of class " + classSourcedId, false, "users",
                (c, bearer, limit, offset) -> c.api.students(classSourcedId, bearer, limit, offset));
    }

    /** One page of a collection. */
    private interface PageRequest {

        Response get(Connection connection, String bearer, int limit, int offset);
    }

    /**
     * Every item of a OneRoster collection, page by page: {@code limit}/{@code offset}, on while the answer links a
     * {@code rel="next"} page, or (without a Link header) while {@code X-Total-Count} says more remain, or (with
     * neither) while a page comes back full.
     */
    private List<JsonNode> readAll(String tenant, String operation, String what, boolean gradebook, String collection,
            PageRequest request) {
        int limit = config.http().pageSize();
        List<JsonNode> items = new ArrayList<>();
        int offset = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            int from = offset;
            Reply reply = call(tenant, operation, what + (page == 0 ? "" : " (offset " + from + ")"), gradebook,
                    (c, bearer) -> request.get(c, bearer, limit, from));
            JsonNode array = read(reply.body).path(collection);
            array.forEach(items::add);
            if (array.isEmpty() || !reply.hasNext(from, array.size(), limit)) {
                return items;
            }
            offset += array.size();
        }
        Log.warnf("%s of district %s: stopped after %d pages", what, tenant, MAX_PAGES);
        return items;
    }

    private boolean delete(String tenant, String operation, String what,
            BiFunction<Connection, String, Response> request) {
        try {
            call(tenant, operation, what, true, request);
            return true;
        } catch (WriteFailure failure) {
            if (failure.status() == 404) {
                return false;
            }
            throw failure;
        }
    }

    private Reply call(String tenant, String operation, String what, boolean gradebook,
            BiFunction<Connection, String, Response> request) {
        Connection connection = connection(tenant);
        DistrictCircuit circuit = health.circuit(tenant);
        int attempts = connection.district.retryMaxAttempts().orElse(backoff.maxAttempts());
        return backoff.run(what, attempts, () -> {
            if (circuit.isOpen()) {
                throw new CircuitOpenException(tenant);
            }
            try {
                Reply body = attempt(connection, operation, what, gradebook, request);
                circuit.onSuccess();
                return body;
            } catch (WriteFailure failure) {
                if (failure.isTransient()) {
                    circuit.onFailure(failure.getMessage());
                } else {
                    circuit.onSuccess();
                }
                throw failure;
            }
        });
    }

    private Reply attempt(Connection connection, String operation, String what, boolean gradebook,
            BiFunction<Connection, String, Response> request) {
        try {
            TokenSource tokens = gradebook ? connection.gradebook : connection.rostering;
            String token = tokens.token();
            Reply reply = exchange(connection.tenant, operation, () -> request.apply(connection, "Bearer " + token));
            if (reply.status == 401) {
                tokens.invalidate(token);
                String fresh = tokens.token();
                reply = exchange(connection.tenant, operation, () -> request.apply(connection, "Bearer " + fresh));
                if (reply.status == 401) {
                    String why = ImsxError.parse(reply.body).describe().orElse("no description given");
                    if (!gradebook) {
                        // Rostering is its own connection at IC: its refusal says nothing of the gradebook's keys.
                        throw WriteFailure.rejected(ROSTERING_REJECTED, 401, "Infinite Campus rostering refused " + what
                                + " twice with HTTP 401: " + why + ". The "
                                + (tokens.separate ? "district's Roster connection key and secret"
                                        : "Grade Book Sync key, which also reads rostering while no Roster key is set,")
                                + " may not read rostering; the gradebook itself was not refused.");
                    }
                    throw WriteFailure.rejected("ic_credentials_rejected", 401, "Infinite Campus rejected " + what
                            + " twice with HTTP 401 (token or vendor key): " + why + ".");
                }
            }
            return check(what, reply);
        } catch (ProcessingException e) {
            throw WriteFailure.transientFailure("ic_unreachable", 0,
                    what + " did not get an answer from Infinite Campus: " + Throwables.rootMessage(e), null);
        }
    }

    private static Reply check(String what, Reply reply) {
        int status = reply.status;
        if (status >= 200 && status < 300) {
            return reply;
        }
        ImsxError error = ImsxError.parse(reply.body);
        String description = error.describe().orElse("no description given");
        if (status == 429 || status >= 500) {
            String code = status == 429 ? "ic_server_busy" : "ic_unavailable";
            throw WriteFailure.transientFailure(code, status,
                    what + " got HTTP " + status + " from Infinite Campus: " + description,
                    Backoff.parseRetryAfter(reply.retryAfter, Instant.now()).orElse(null));
        }
        String code = error.code().map(OneRosterClient::snake).map(c -> "ic_" + c).orElseGet(() -> codeFor(status));
        throw WriteFailure.rejected(code, status, "Infinite Campus rejected " + what + " (HTTP " + status
                + error.code().map(c -> " " + c).orElse("") + "): " + description);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "ic_bad_request";
            case 403 -> "ic_forbidden";
            case 404 -> "ic_unknownobject";
            case 422 -> "ic_invaliddata";
            default -> "ic_http_" + status;
        };
    }

    private Reply exchange(String tenant, String operation, Supplier<Response> send) {
        try (Response response = send.get()) {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            metrics.icRequest(tenant, operation, Integer.toString(response.getStatus()));
            Log.debugf("Infinite Campus answered %s of district %s with HTTP %d", operation, tenant,
                    response.getStatus());
            return new Reply(response.getStatus(), body, response.getHeaderString("Retry-After"),
                    response.getHeaderString("Link"), response.getHeaderString("X-Total-Count"));
        } catch (ProcessingException e) {
            metrics.icRequest(tenant, operation, timedOut(e) ? "timeout" : "io_error");
            throw e;
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private Connection connection(String tenant) {
        return connections.computeIfAbsent(tenant, t -> new Connection(t, district(t)));
    }

    private String base(String tenant) {
        String url = district(tenant).campusBaseUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private JsonNode read(String body) {
        try {
            return body == null ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw WriteFailure.rejected("ic_unreadable_response", 200,
                    "Infinite Campus answered with a body that is not JSON.");
        }
    }

    private static boolean active(JsonNode node) {
        return !"tobedeleted".equalsIgnoreCase(node.path("status").asText(""));
    }

    private static LocalDate date(JsonNode node) {
        String text = node.asText("");
        return text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
    }

    private static String snake(String code) {
        return code.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }


    /** What IC answered: status, body and the Retry-After and paging headers. */
    private record Reply(int status, String body, String retryAfter, String link, String totalCount) {

        /** Whether another page follows one of {@code size} items read at {@code offset}. */
        boolean hasNext(int offset, int size, int limit) {
            if (link != null && !link.isBlank()) {
                return NEXT_LINK.matcher(link).find();
            }
            if (totalCount != null && totalCount.trim().matches("\\d+")) {
                return offset + size < Long.parseLong(totalCount.trim());
            }
            return size >= limit;
        }
    }

    /**
     * One district's REST client and tokens: the Grade Book Sync client's, which also reads rostering unless the
     * district has a separate Roster client, whose token then serves rostering.
     */
    private final class Connection {

        private final String tenant;
        private final WriterConfig.District district;
        private final OneRosterApi api;
        private final String vendor;
        private final TokenSource gradebook;
        private final TokenSource rostering;

        Connection(String tenant, WriterConfig.District district) {
            this.tenant = tenant;
            this.district = district;
            this.vendor = district.vendorKey() + ":" + district.vendorSecret();
            this.api = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(district.campusBaseUrl()))
                    .connectTimeout(config.http().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(config.http().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .property("microprofile.rest.client.disable.default.mapper", true)
                    .build(OneRosterApi.class);
            List<String> gradebookScopes = new ArrayList<>(GRADEBOOK_SCOPES);
            if (district.batchResults()) {
                gradebookScopes.add(CREATEPOST_SCOPE);
            }
            boolean separate = district.rosteringClientId().isPresent();
            if (separate) {
                this.gradebook = new TokenSource(this, district.clientId(), district.clientSecret(), gradebookScopes,
                        false);
                this.rostering = new TokenSource(this, district.rosteringClientId().get(),
                        district.rosteringClientSecret().orElse(""), ROSTER_SCOPES, true);
            } else {
                List<String> all = new ArrayList<>(gradebookScopes);
                all.addAll(ROSTER_SCOPES);
                this.gradebook = new TokenSource(this, district.clientId(), district.clientSecret(), all, false);
                this.rostering = gradebook;
            }
        }
    }

    /** One OAuth2 client's cached token, shared by every call that uses the client. */
    private final class TokenSource {

        private final Connection connection;
        private final String clientId;
        private final String clientSecret;
        private final String scope;
        /** The district's separate Roster client (its refusal is not the Grade Book Sync connection's). */
        private final boolean separate;
        private String token;
        private Instant refreshAt = Instant.EPOCH;

        TokenSource(Connection connection, String clientId, String clientSecret, List<String> scopes,
                boolean separate) {
            this.connection = connection;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.scope = connection.district.tokenScopes() ? String.join(" ", scopes) : null;
            this.separate = separate;
        }

        synchronized String token() {
            if (token != null && Instant.now().isBefore(refreshAt)) {
                return token;
            }
            String tenant = connection.tenant;
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            Reply reply = exchange(tenant, "token",
                    () -> connection.api.token(connection.district.appName(), basic, "client_credentials", scope));
            if (reply.status == 400 || reply.status == 401 || reply.status == 403) {
                if (separate) {
                    throw WriteFailure.rejected(ROSTERING_REJECTED, reply.status, "Infinite Campus rejected the "
                            + "OAuth2 client credentials of district " + tenant + "'s Roster connection (HTTP "
                            + reply.status + "); renew its rostering key and secret. The gradebook was not refused.");
                }
                throw WriteFailure.rejected("ic_credentials_rejected", reply.status,
                        "Infinite Campus rejected the OAuth2 client credentials of district " + tenant + " (HTTP "
                                + reply.status + (scope == null ? "" : ", scopes asked: " + scope)
                                + "); renew the key and secret of its Grade Book Sync connection.");
            }
            JsonNode body = read(check("POST oauth2/token for district " + tenant, reply).body);
            String accessToken = body.path("access_token").asText(null);
            if (accessToken == null || accessToken.isBlank()) {
                throw WriteFailure.rejected(separate ? ROSTERING_REJECTED : "ic_credentials_rejected", reply.status,
                        "Infinite Campus returned no access token for district " + tenant + ".");
            }
            long expiresIn = body.path("expires_in").asLong(300);
            // Refresh a minute early so a token never expires mid-request; short-lived tokens at half-life.
            long usable = expiresIn > 120 ? expiresIn - 60 : expiresIn / 2;
            token = accessToken;
            refreshAt = Instant.now().plusSeconds(usable);
            Log.infof("fetched an Infinite Campus %s token for district %s, valid for %d s",
                    separate ? "rostering" : "gradebook", tenant, expiresIn);
            if (!separate) {
                health.credentialsAccepted(tenant);
            }
            return token;
        }

        synchronized void invalidate(String rejected) {
            if (rejected.equals(token)) {
                token = null;
            }
        }
    }
}
