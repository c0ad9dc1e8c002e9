package org.ccsync.writer.outbound.ic;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.ccsync.support.Throwables;
import org.ccsync.writer.domain.DistrictHealth;
import org.ccsync.writer.platform.WriterConfig;

/**
 * Makes one OneRoster call to a district's IC: the bearer token of its gradebook or rostering client (fetched again
 * once on a 401), transient failures retried by {@link Backoff} while the district's circuit is closed, each answer
 * reported to the circuit, and every collection read page by page.
 */
@ApplicationScoped
public class IcCaller {

    /** A provider that keeps saying "next" is not followed beyond this many pages. */
    private static final int MAX_PAGES = 1000;

    private final WriterConfig config;
    private final IcExchange exchange;
    private final Backoff backoff;
    private final DistrictHealth health;
    private final Map<String, IcConnection> connections = new ConcurrentHashMap<>();

    public IcCaller(WriterConfig config, IcExchange exchange, Backoff backoff, DistrictHealth health) {
        this.config = config;
        this.exchange = exchange;
        this.backoff = backoff;
        this.health = health;
    }

    /** The district's settings, or a rejection when the tenant has no IC connection configured. */
    WriterConfig.District district(String tenant) {
        WriterConfig.District district = config.districts().get(tenant);
        if (district == null) {
            throw WriteFailure.rejected("district_not_configured", 0,
                    "District " + tenant + " has no Infinite Campus connection configured (ccsync.districts).");
        }
        return district;
    }

    /** An answer's JSON body. */
    JsonNode read(IcReply reply) {
        return exchange.read(reply.body());
    }

    /** An answer's JSON body as a typed record. */
    <T> T read(IcReply reply, Class<T> type) {
        return exchange.read(reply.body(), type);
    }

    /** One page of a collection. */
    interface PageRequest {

        Response get(IcConnection connection, String bearer, int limit, int offset);
    }

    /**
     * Every item of a OneRoster collection, page by page: {@code limit}/{@code offset}, on while the answer links a
     * {@code rel="next"} page, or (without a Link header) while {@code X-Total-Count} says more remain, or (with
     * neither) while a page comes back full.
     */
    List<JsonNode> readAll(String tenant, String operation, String what, boolean gradebook, String collection,
            PageRequest request) {
        int limit = config.http().pageSize();
        List<JsonNode> items = new ArrayList<>();
        int offset = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            int from = offset;
            IcReply reply = call(tenant, operation, what + (page == 0 ? "" : " (offset " + from + ")"), gradebook,
                    (c, bearer) -> request.get(c, bearer, limit, from));
            JsonNode array = exchange.read(reply.body()).path(collection);
            array.forEach(items::add);
            if (array.isEmpty() || !reply.hasNext(from, array.size(), limit)) {
                return items;
            }
            offset += array.size();
        }
        Log.warnf("%s of district %s: stopped after %d pages", what, tenant, MAX_PAGES);
        return items;
    }

    boolean delete(String tenant, String operation, String what,
            BiFunction<IcConnection, String, Response> request) {
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

    IcReply call(String tenant, String operation, String what, boolean gradebook,
            BiFunction<IcConnection, String, Response> request) {
        IcConnection connection = connection(tenant);
        DistrictCircuit circuit = health.circuit(tenant);
        int attempts = connection.district.retryMaxAttempts().orElse(backoff.maxAttempts());
        return backoff.run(what, attempts, () -> {
            if (circuit.isOpen()) {
                throw new CircuitOpenException(tenant);
            }
            try {
                IcReply body = attempt(connection, operation, what, gradebook, request);
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

    private IcReply attempt(IcConnection connection, String operation, String what, boolean gradebook,
            BiFunction<IcConnection, String, Response> request) {
        try {
            IcToken tokens = gradebook ? connection.gradebook : connection.rostering;
            String token = tokens.token();
            IcReply reply = exchange.exchange(connection.tenant, operation,
                    () -> request.apply(connection, "Bearer " + token));
            if (reply.status() == 401) {
                tokens.invalidate(token);
                String fresh = tokens.token();
                reply = exchange.exchange(connection.tenant, operation,
                        () -> request.apply(connection, "Bearer " + fresh));
                if (reply.status() == 401) {
                    String why = ImsxError.parse(reply.body()).describe().orElse("no description given");
                    if (!gradebook) {
                        // Rostering is its own connection at IC: its refusal says nothing of the gradebook's keys.
                        throw WriteFailure.rejected(OneRosterClient.ROSTERING_REJECTED, 401,
                                "Infinite Campus rostering refused " + what
                                + " twice with HTTP 401: " + why + ". The "
                                + (tokens.separate ? "district's Roster connection key and secret"
                                        : "Grade Book Sync key, which also reads rostering while no Roster key is set,")
                                + " may not read rostering; the gradebook itself was not refused.");
                    }
                    throw WriteFailure.rejected("ic_credentials_rejected", 401, "Infinite Campus rejected " + what
                            + " twice with HTTP 401 (token or vendor key): " + why + ".");
                }
            }
            return reply.checked(what);
        } catch (ProcessingException e) {
            throw WriteFailure.transientFailure("ic_unreachable", 0,
                    what + " did not get an answer from Infinite Campus: " + Throwables.rootMessage(e), null);
        }
    }

    private IcConnection connection(String tenant) {
        return connections.computeIfAbsent(tenant,
                t -> new IcConnection(t, district(t), config.http(), exchange, health));
    }
}
