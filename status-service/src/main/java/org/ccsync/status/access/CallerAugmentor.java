package org.ccsync.status.access;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ccsync.status.platform.StatusConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns a token from the district's identity provider into a {@link Caller}: the districts it names in the district
 * claim with the role {@code district-admin} or {@code teacher}, plus every district whose {@code sign-in} rules
 * match its claims. The caller gets the project roles its grants imply, the same for every sign-in; what it may
 * reach is decided from its grants by {@link Access}'s permission checkers. An identity that already carries a caller
 * (an LTI session) is left as it is.
 */
@ApplicationScoped
public class CallerAugmentor implements SecurityIdentityAugmentor {

    private static final List<String> PERSON_CLAIMS = List.of("preferred_username", "upn", "email");
    /** A client-credentials token names its client, not a person (Entra ID: appid, Keycloak and others: azp). */
    private static final List<String> CLIENT_CLAIMS = List.of("azp", "appid", "client_id");

    private final StatusConfig config;

    public CallerAugmentor(StatusConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(Caller.ATTRIBUTE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String signIn = signIn(identity);
        Caller caller = new Caller(name(token, signIn), signIn, grants(identity, token), logins(token));
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Caller.ATTRIBUTE, caller);
        if (caller.grants().values().stream().anyMatch(Caller.Grant::admin)) {
            builder.addRole(Access.ADMIN);
        }
        if (caller.grants().values().stream().anyMatch(grant -> !grant.admin())) {
            builder.addRole(Access.TEACHER);
        }
        return Uni.createFrom().item(builder.build());
    }

    private Map<String, Caller.Grant> grants(SecurityIdentity identity, JsonWebToken token) {
        Map<String, Caller.Grant> grants = new LinkedHashMap<>();
        boolean admin = identity.hasRole(Access.ADMIN);
        if (admin || identity.hasRole(Access.TEACHER)) {
            for (String tenant : SignInRules.values(token, config.auth().districtClaim())) {
                grants.put(tenant, new Caller.Grant(admin, null));
            }
        }
        config.districts().forEach((tenant, district) -> {
            if (SignInRules.anyMatches(district.signIn().admins().orElse(List.of()), token)) {
                grants.put(tenant, new Caller.Grant(true, null));
            } else if (!grants.containsKey(tenant)
                    && SignInRules.anyMatches(district.signIn().teachers().orElse(List.of()), token)) {
                grants.put(tenant, new Caller.Grant(false, null));
            }
        });
        return grants;
    }

    private List<String> logins(JsonWebToken token) {
        List<String> logins = new ArrayList<>();
        for (String claim : config.auth().loginClaims()) {
            for (String value : SignInRules.values(token, claim)) {
                if (!value.isBlank()) {
                    logins.add(value.toLowerCase(Locale.ROOT));
                }
            }
        }
        return logins;
    }

    private static String name(JsonWebToken token, String signIn) {
        List<String> claims = new ArrayList<>(PERSON_CLAIMS);
        if (Caller.SCRIPT.equals(signIn)) {
            claims.addAll(CLIENT_CLAIMS);
        }
        for (String claim : claims) {
            List<String> values = SignInRules.values(token, claim);
            if (!values.isEmpty() && !values.get(0).isBlank()) {
                return values.get(0);
            }
        }
        String subject = token.getSubject();
        return subject == null || subject.isBlank() ? "unknown" : subject;
    }

    private static String signIn(SecurityIdentity identity) {
        if (identity.getCredential(IdTokenCredential.class) != null) {
            return Caller.OIDC;
        }
        RoutingContext request = HttpSecurityUtils.getRoutingContextAttribute(identity);
        return request != null && Boolean.TRUE.equals(request.get(TokenCookieFilter.FROM_COOKIE))
                ? Caller.TOKEN : Caller.SCRIPT;
    }
}
