package org.ccsync.writer.outbound.ic;

import io.quarkus.logging.Log;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.ccsync.writer.domain.DistrictHealth;
import org.ccsync.writer.platform.WriterConfig;

// Not quarkus-oidc-client: IC's token URL needs appName, and each fetch feeds ccsync.ic.requests and district health.
/** One OAuth2 client's cached token, shared by every call that uses the client. */
final class IcToken {

    private final String tenant;
    private final WriterConfig.District district;
    private final OneRosterApi api;
    private final IcExchange exchange;
    private final DistrictHealth health;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    /** The district's separate Roster client (its refusal is not the Grade Book Sync connection's). */
    final boolean separate;
    private String token;
    private Instant refreshAt = Instant.EPOCH;

    IcToken(String tenant, WriterConfig.District district, OneRosterApi api, IcExchange exchange,
            DistrictHealth health, String clientId, String clientSecret, List<String> scopes, boolean separate) {
        this.tenant = tenant;
        this.district = district;
        this.api = api;
        this.exchange = exchange;
        this.health = health;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = district.tokenScopes() ? String.join(" ", scopes) : null;
        this.separate = separate;
    }

    synchronized String token() {
        if (token != null && Instant.now().isBefore(refreshAt)) {
            return token;
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        IcReply reply = exchange.exchange(tenant, "token",
                () -> api.token(district.appName(), basic, "client_credentials", scope));
        if (reply.status() == 400 || reply.status() == 401 || reply.status() == 403) {
            if (separate) {
                throw WriteFailure.rejected(OneRosterClient.ROSTERING_REJECTED, reply.status(),
                        "Infinite Campus rejected the "
                        + "OAuth2 client credentials of district " + tenant + "'s Roster connection (HTTP "
                        + reply.status() + "); renew its rostering key and secret. The gradebook was not refused.");
            }
            throw WriteFailure.rejected("ic_credentials_rejected", reply.status(),
                    "Infinite Campus rejected the OAuth2 client credentials of district " + tenant + " (HTTP "
                            + reply.status() + (scope == null ? "" : ", scopes asked: " + scope)
                            + "); renew the key and secret of its Grade Book Sync connection.");
        }
        OneRosterAnswers.Token body = exchange.read(reply.checked("POST oauth2/token for district " + tenant).body(),
                OneRosterAnswers.Token.class);
        String accessToken = body.accessToken();
        if (accessToken == null || accessToken.isBlank()) {
            throw WriteFailure.rejected(separate ? OneRosterClient.ROSTERING_REJECTED : "ic_credentials_rejected",
                    reply.status(),
                    "Infinite Campus returned no access token for district " + tenant + ".");
        }
        long expiresIn = body.expiresIn() == null ? 300 : body.expiresIn();
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
