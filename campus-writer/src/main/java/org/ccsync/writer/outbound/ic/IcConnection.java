package org.ccsync.writer.outbound.ic;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ccsync.writer.domain.DistrictHealth;
import org.ccsync.writer.platform.WriterConfig;

/**
 * One district's REST client and tokens: the Grade Book Sync client's, which also reads rostering unless the
 * district has a separate Roster client, whose token then serves rostering.
 */
final class IcConnection {

    final String tenant;
    final WriterConfig.District district;
    final OneRosterApi api;
    /** The vendor header of gradebook calls. */
    final String vendor;
    final IcToken gradebook;
    final IcToken rostering;

    IcConnection(String tenant, WriterConfig.District district, WriterConfig.Http http, IcExchange exchange,
            DistrictHealth health) {
        this.tenant = tenant;
        this.district = district;
        this.vendor = district.vendorKey() + ":" + district.vendorSecret();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(district.campusBaseUrl()))
                .connectTimeout(http.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(http.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(OneRosterApi.class);
        List<String> gradebookScopes = new ArrayList<>(OneRosterClient.GRADEBOOK_SCOPES);
        if (district.batchResults()) {
            gradebookScopes.add(OneRosterClient.CREATEPOST_SCOPE);
        }
        boolean separate = district.rosteringClientId().isPresent();
        if (separate) {
            this.gradebook = new IcToken(tenant, district, api, exchange, health, district.clientId(),
                    district.clientSecret(), gradebookScopes, false);
            this.rostering = new IcToken(tenant, district, api, exchange, health, district.rosteringClientId().get(),
                    district.rosteringClientSecret().orElse(""), OneRosterClient.ROSTER_SCOPES, true);
        } else {
            List<String> all = new ArrayList<>(gradebookScopes);
            all.addAll(OneRosterClient.ROSTER_SCOPES);
            this.gradebook = new IcToken(tenant, district, api, exchange, health, district.clientId(),
                    district.clientSecret(), all, false);
            this.rostering = gradebook;
        }
    }
}
