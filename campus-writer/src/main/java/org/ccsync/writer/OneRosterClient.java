package org.ccsync.writer;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Talks OneRoster 1.2 to each district's Infinite Campus: a cached OAuth2 client-credentials token, the vendor
 * header on gradebook calls, one re-try on a 401, backoff on transient failures, imsx error parsing, and each
 * answer reported to the district's circuit breaker and to {@code ccsync.ic.requests}.
 */
@ApplicationScoped
public class OneRosterClient {

    private static final int PAGE = 100;

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

    public void putLineItem(String tenant, String sourcedId, String body) {
        call(tenant, "put_line_item", "PUT lineItem " + sourcedId, true,
                (c, bearer) -> c.api.putLineItem(sourcedId, bearer, c.vendor, body));
    }

    public void putResult(String tenant, String sourcedId, String body) {
        call(tenant, "put_result", "PUT result " + sourcedId, true,
                (c, bearer) -> c.api.putResult(sourcedId, bearer, c.vendor, body));
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
        JsonNode root = read(call(tenant, "categories", "GET categories of class " + classSourcedId, true,
                (c, bearer) -> c.api.categories(classSourcedId, bearer, c.vendor, PAGE)));
        List<IcCategory> categories = new ArrayList<>();
        for (JsonNode node : root.path("categories")) {
            if (active(node)) {
                categories.add(new IcCategory(node.path("sourcedId").asText(), node.path("title").asText()));
            }
        }
        return categories;
    }

    /** The school and terms of a class, from rostering. */
    public IcClass rosterClass(String tenant, String classSourcedId) {
        JsonNode node = read(call(tenant, "roster", "GET class " + classSourcedId, false,
                (c, bearer) -> c.api.rosterClass(classSourcedId, bearer))).path("class");
        List<String> terms = new ArrayList<>();
        for (JsonNode term : node.path("terms")) {
            terms.add(term.path("sourcedId").asText());
        }
        String school = node.path("school").path("sourcedId").asText(null);
        return new IcClass(classSourcedId, school, List.copyOf(terms));
    }

    /** The active grading periods of a term, from rostering. */
    public List<IcGradingPeriod> gradingPeriods(String tenant, String termSourcedId) {
        JsonNode root = read(call(tenant, "roster", "GET grading periods of term " + termSourcedId, false,
                (c, bearer) -> c.api.gradingPeriods(termSourcedId, bearer, PAGE)));
        List<IcGradingPeriod> periods = new ArrayList<>();
        for (JsonNode node : root.path("academicSessions")) {
            if (active(node)) {
                periods.add(new IcGradingPeriod(node.path("sourcedId").asText(), node.path("title").asText(null),
                        date(node.path("startDate")), date(node.path("endDate"))));
            }
        }
        return periods;
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

    private String call(String tenant, String operation, String what, boolean gradebook,
            BiFunction<Connection, String, Response> request) {
        Connection connection = connection(tenant);
        DistrictCircuit circuit = health.circuit(tenant);
        int attempts = connection.district.retryMaxAttempts().orElse(backoff.maxAttempts());
        return backoff.run(what, attempts, () -> {
            if (circuit.isOpen()) {
                throw new CircuitOpenException(tenant);
            }
            try {
                String body = attempt(connection, operation, what, gradebook, request);
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

    private String attempt(Connection connection, String operation, String what, boolean gradebook,
            BiFunction<Connection, String, Response> request) {
        try {
            String token = connection.token();
            Reply reply = exchange(connection.tenant, operation, () -> request.apply(connection, "Bearer " + token));
            if (reply.status == 401) {
                connection.invalidate(token);
                String fresh = connection.token();
                reply = exchange(connection.tenant, operation, () -> request.apply(connection, "Bearer " + fresh));
                if (reply.status == 401) {
                    throw WriteFailure.rejected("ic_credentials_rejected", 401, "Infinite Campus rejected " + what
                            + " twice with HTTP 401" + (gradebook ? " (token or vendor key)" : "") + ": "
                            + ImsxError.parse(reply.body).describe().orElse("no description given") + ".");
                }
            }
            return check(what, reply);
        } catch (ProcessingException e) {
            throw WriteFailure.transientFailure("ic_unreachable", 0,
                    what + " did not get an answer from Infinite Campus: " + rootMessage(e), null);
        }
    }

    private static String check(String what, Reply reply) {
        int status = reply.status;
        if (status >= 200 && status < 300) {
            return reply.body;
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
            return new Reply(response.getStatus(), body, response.getHeaderString("Retry-After"));
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

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    /** What IC answered: status, body and Retry-After header. */
    private record Reply(int status, String body, String retryAfter) {
    }

    /** One district's REST client, credentials and token; the token is shared by every call of the district. */
    private final class Connection {

        private final String tenant;
        private final WriterConfig.District district;
        private final OneRosterApi api;
        private final String vendor;
        private String token;
        private Instant refreshAt = Instant.EPOCH;

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
        }

        synchronized String token() {
            if (token != null && Instant.now().isBefore(refreshAt)) {
                return token;
            }
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (district.clientId() + ":" + district.clientSecret()).getBytes(StandardCharsets.UTF_8));
            Reply reply = exchange(tenant, "token", () -> api.token(district.appName(), basic, "client_credentials"));
            if (reply.status == 400 || reply.status == 401 || reply.status == 403) {
                throw WriteFailure.rejected("ic_credentials_rejected", reply.status,
                        "Infinite Campus rejected the OAuth2 client credentials of district " + tenant + " (HTTP "
                                + reply.status + "); renew the key and secret of its Grade Book Sync connection.");
            }
            JsonNode body = read(check("POST oauth2/token for district " + tenant, reply));
            String accessToken = body.path("access_token").asText(null);
            if (accessToken == null || accessToken.isBlank()) {
                throw WriteFailure.rejected("ic_credentials_rejected", reply.status,
                        "Infinite Campus returned no access token for district " + tenant + ".");
            }
            long expiresIn = body.path("expires_in").asLong(300);
            // Refresh a minute early so a token never expires mid-request; short-lived tokens at half-life.
            long usable = expiresIn > 120 ? expiresIn - 60 : expiresIn / 2;
            token = accessToken;
            refreshAt = Instant.now().plusSeconds(usable);
            Log.infof("fetched an Infinite Campus token for district %s, valid for %d s", tenant, expiresIn);
            health.credentialsAccepted(tenant);
            return token;
        }

        synchronized void invalidate(String rejected) {
            if (rejected.equals(token)) {
                token = null;
            }
        }
    }
}
