package org.ccsync.status.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed settings of status-service: per-district display and schedule defaults, sign-in (the district's identity
 * provider's claims, the Canvas LTI platform), metrics and retention.
 */
@ConfigMapping(prefix = "ccsync")
public interface StatusConfig {

    /** Per-district settings, keyed by tenant: {@code ccsync.districts."<tenant>".<key>}. */
    Map<String, District> districts();

    /** The time zone of a district that has no {@code time-zone} of its own. */
    @WithDefault("America/Chicago")
    ZoneId defaultTimeZone();

    /** How early before its IC credentials expire a district is flagged on the dashboard. */
    @WithDefault("P14D")
    Duration credentialsExpiryWarning();

    /** How long item outcomes and sync runs are kept for a district that sets no {@code outcome-retention}. */
    @WithDefault("P400D")
    Duration outcomeRetention();

    /** How long the audit of who changed what is kept. */
    @WithDefault("P730D")
    Duration auditRetention();

    /**
     * The service's public base URL (for example {@code https://grade-sync.district.org}), from which the LTI
     * redirect URI is made; without it, the request's own scheme, host and port are used.
     */
    Optional<URI> publicUrl();

    Auth auth();

    Lti lti();

    Ui ui();

    Metrics metrics();

    /** One district's display and schedule defaults. */
    interface District {

        /** The zone every time on the web page is shown in. */
        @WithDefault("America/Chicago")
        ZoneId timeZone();

        /** Whether a course that nobody has switched on or off runs the scheduled daily sync. */
        @WithDefault("false")
        boolean dailySyncDefault();

        /** How long this district's item outcomes and sync runs are kept; {@code ccsync.outcome-retention} if unset. */
        Optional<Duration> outcomeRetention();

        /** Who signs in to this district through the identity provider, and as what. */
        SignIn signIn();

        /** The district's Canvas as an LTI 1.3 platform. */
        DistrictLti lti();
    }

    /**
     * Which identity-provider accounts are this district's admins and teachers. Each entry is {@code claim=value}:
     * the account qualifies when the claim (a name, or a path such as {@code realm_access/roles}) equals the value or,
     * for a list claim, contains it. For example {@code groups=5f2c...} (an Entra ID group), {@code roles=SyncAdmin}
     * (an app role), {@code hd=district.org} (a Google Workspace domain), {@code email=jo@district.org}.
     */
    interface SignIn {

        /** Accounts that administer the whole district. */
        Optional<List<String>> admins();

        /** Accounts that are teachers: they see the courses whose Canvas roster lists their login. */
        Optional<List<String>> teachers();
    }

    /** The district's Canvas as an LTI 1.3 platform, from its developer key and deployment. */
    interface DistrictLti {

        /** The platform's issuer ({@code iss}), for Instructure-hosted Canvas {@code https://canvas.instructure.com}. */
        Optional<String> issuer();

        /** The developer key's client id: the {@code aud} of every launch. */
        Optional<String> clientId();

        /** The deployment ids of the tool's installations in this Canvas. */
        Optional<List<String>> deploymentIds();

        /** The platform's key set, for Canvas {@code https://sso.canvaslms.com/api/lti/security/jwks}. */
        Optional<String> jwksUrl();

        /** The platform's OIDC authorization endpoint, for Canvas {@code https://sso.canvaslms.com/api/lti/authorize_redirect}. */
        Optional<String> authorizationUrl();

        /** Whether a Canvas Administrator's launch signs in as this district's admin (else only an Instructor's counts). */
        @WithDefault("false")
        boolean administratorIsDistrictAdmin();

        /** The custom parameter that carries the Canvas course id ({@code canvas_course_id=$Canvas.course.id}). */
        @WithDefault("canvas_course_id")
        String courseIdParameter();
    }

    /** Sessions and time limits of LTI launches, shared by every district. */
    interface Lti {

        /** How long the browser session a launch opens lasts. */
        @WithDefault("PT8H")
        Duration sessionLifetime();

        /** How long a launch may take from Canvas's login initiation to the signed launch. */
        @WithDefault("PT10M")
        Duration launchTimeout();

        /** Clock skew allowed when checking a launch's {@code iat} and {@code exp}. */
        @WithDefault("PT1M")
        Duration clockSkew();
    }

    /**
     * Which token claims identify the caller's district and, for teachers, their Canvas login. A token that names its
     * district in {@link #districtClaim()} and holds the role {@code district-admin} or {@code teacher} needs no
     * {@code sign-in} mapping.
     */
    interface Auth {

        /** The claim naming the caller's district (tenant). */
        @WithDefault("district")
        String districtClaim();

        /** Claims compared, case-insensitively, with the teachers' Canvas login ids from the roster. */
        @WithDefault("email,upn,preferred_username")
        List<String> loginClaims();

        /** Whether the sign-in page also takes a pasted bearer token (the sandbox and tests; off in a deployment). */
        @WithDefault("false")
        boolean tokenSignIn();

        /** The name of the district's identity provider on the sign-in button. */
        @WithDefault("your district account")
        String providerName();
    }

    /** The web page's sign-in cookies. */
    interface Ui {

        /** Whether the sign-in cookies are marked Secure (sent over HTTPS only). */
        @WithDefault("true")
        boolean secureCookie();
    }

    /** Refresh of the backlog and dead-letter gauges. */
    interface Metrics {

        /** How often the backlog gauges are recomputed from the views. */
        @WithDefault("30s")
        Duration backlogInterval();

        /** How often the dead-letter topics' offsets are read. */
        @WithDefault("60s")
        Duration dlqInterval();

        /** The consumer group an operator's DLQ replay commits with; records before its offsets count as replayed. */
        @WithDefault("dlq-replay")
        String dlqReplayGroup();
    }
}
