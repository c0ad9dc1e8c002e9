package org.ccsync.sandbox.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.SyncTrigger;
import org.ccsync.contracts.Topics;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.CampusSimulatorConfig;
import org.ccsync.sandbox.canvas.CanvasSimulator;
import org.ccsync.sandbox.canvas.CanvasSimulatorConfig;
import org.ccsync.testsupport.EmbeddedKafka;
import org.ccsync.testsupport.EmbeddedPostgresServer;
import org.ccsync.testsupport.KafkaTestClient;

/**
 * The whole system on one machine, without Docker: a real Kafka broker and a real PostgreSQL server in this JVM,
 * the Canvas and Infinite Campus simulators seeded with the demo district, the district's identity provider (a mock
 * OpenID Connect provider), the status tool registered in the Canvas simulator as an LTI 1.3 tool, and the four
 * services as child JVMs.
 */
public final class LocalStack implements AutoCloseable {

    /** The demo district's tenant id. */
    public static final String TENANT = "demo";
    /** The demo district's courses. */
    public static final List<String> DEMO_COURSES = List.of("101", "102", "103");
    /** The four service modules. */
    public static final List<String> SERVICE_MODULES =
            List.of("canvas-ingest", "eligibility-service", "campus-writer", "status-service");
    /** The identity provider's port in the demo. */
    public static final int DEMO_IDP_PORT = 8090;
    /** The status tool's developer key (client id) and deployment in the simulated Canvas. */
    public static final String LTI_CLIENT_ID = "10000000000001";
    public static final String LTI_DEPLOYMENT_ID = "1:demo-grade-sync";
    /** The demo admin's script: a client-credentials client the district maps to its admins. */
    public static final String DEMO_SCRIPT_CLIENT = "demo-report";

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgresServer postgres;
    private final CanvasSimulator canvas;
    private final CampusSimulator campus;
    private final Map<String, ServiceProcess> services;
    private final KafkaTestClient kafkaClient;
    private final SandboxTokens tokens;

    private LocalStack(EmbeddedKafka kafka, EmbeddedPostgresServer postgres, CanvasSimulator canvas,
            CampusSimulator campus, Map<String, ServiceProcess> services, SandboxTokens tokens) {
        this.tokens = tokens;
        this.kafka = kafka;
        this.postgres = postgres;
        this.canvas = canvas;
        this.campus = campus;
        this.services = services;
        this.kafkaClient = new KafkaTestClient(kafka.bootstrapServers());
    }

    /** How to start the stack. */
    public record Options(Path projectRoot, Path workDir, StackPorts ports, CanvasSimulatorConfig canvas,
            CampusSimulatorConfig campus, Duration startTimeout, int writerReplicas,
            Map<String, Map<String, String>> serviceProperties, int idpPort) {

        /** The demo on the documented ports. */
        public static Options demo(Path projectRoot) {
            return new Options(projectRoot, projectRoot.resolve("sandbox/stack/target/local-stack"),
                    StackPorts.documented(), CanvasSimulatorConfig.defaults(), CampusSimulatorConfig.defaults(),
                    Duration.ofMinutes(3), 1, Map.of(), DEMO_IDP_PORT);
        }

        /** A private stack on free ports, for system tests and benchmarks. */
        public static Options isolated(Path projectRoot, String name) {
            return new Options(projectRoot, projectRoot.resolve("sandbox/stack/target/" + name),
                    StackPorts.free(), CanvasSimulatorConfig.defaults(), CampusSimulatorConfig.defaults(),
                    Duration.ofMinutes(3), 1, Map.of(), 0);
        }

        public Options withCanvas(CanvasSimulatorConfig value) {
            return new Options(projectRoot, workDir, ports, value, campus, startTimeout, writerReplicas,
                    serviceProperties, idpPort);
        }

        public Options withCampus(CampusSimulatorConfig value) {
            return new Options(projectRoot, workDir, ports, canvas, value, startTimeout, writerReplicas,
                    serviceProperties, idpPort);
        }

        /** Runs this many campus-writer replicas in one consumer group. */
        public Options withWriterReplicas(int value) {
            return new Options(projectRoot, workDir, ports, canvas, campus, startTimeout, value, serviceProperties,
                    idpPort);
        }

        /** Adds configuration properties for one service module, for example a lane cap. */
        public Options withServiceProperty(String module, String key, String value) {
            Map<String, Map<String, String>> all = new LinkedHashMap<>(serviceProperties);
            Map<String, String> own = new LinkedHashMap<>(all.getOrDefault(module, Map.of()));
            own.put(key, value);
            all.put(module, own);
            return new Options(projectRoot, workDir, ports, canvas, campus, startTimeout, writerReplicas, all,
                    idpPort);
        }

        /**
         * Turns tracing on in every service, exporting spans over OTLP/HTTP (protobuf) to {@code otlpEndpoint}
         * every 200 ms.
         */
        public Options withTracing(String otlpEndpoint) {
            Options options = this;
            for (String module : SERVICE_MODULES) {
                options = options.withServiceProperty(module, "quarkus.otel.sdk.disabled", "false")
                        .withServiceProperty(module, "quarkus.otel.exporter.otlp.traces.endpoint", otlpEndpoint)
                        .withServiceProperty(module, "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf")
                        .withServiceProperty(module, "quarkus.otel.bsp.schedule.delay", "200ms");
            }
            return options;
        }

        Map<String, String> propertiesOf(String module) {
            return serviceProperties.getOrDefault(module, Map.of());
        }
    }

    /** Starts everything and returns once every service reports ready. */
    public static LocalStack start(Options options) {
        StackPorts ports = options.ports();
        EmbeddedKafka kafka = EmbeddedKafka.start();
        kafka.createPipelineTopics();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
        String ingestUrl = "http://127.0.0.1:" + ports.ingest();
        CanvasSimulator canvas = CanvasSimulator.start(options.canvas()
                .withPort(ports.canvas())
                .withTenant(TENANT)
                .withWebhookUrl(ingestUrl + "/webhooks/canvas/" + TENANT));
        CampusSimulator campus = CampusSimulator.start(options.campus().withPort(ports.campus()).withDistrict(TENANT));
        SandboxTokens tokens = SandboxTokens.start(options.workDir(), options.idpPort());

        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        try {
            String statusUrl = "http://127.0.0.1:" + ports.status();
            registerLtiTool(canvas, statusUrl);
            Path logs = options.workDir().resolve("logs");
            Files.createDirectories(logs);
            services.put("canvas-ingest", ServiceProcess.start(options.projectRoot(), "canvas-ingest", ports.ingest(),
                    withInfra(kafka, postgres, "ingest", ingestProperties(canvas), options, "canvas-ingest"), logs));
            services.put("eligibility-service", ServiceProcess.start(options.projectRoot(), "eligibility-service",
                    ports.eligibility(), withInfra(kafka, postgres, "eligibility", Map.of(), options,
                            "eligibility-service"), logs));
            Map<String, String> writer = withInfra(kafka, postgres, "writer", writerProperties(campus), options,
                    "campus-writer");
            services.put("campus-writer", ServiceProcess.start(options.projectRoot(), "campus-writer", ports.writer(),
                    writer, logs));
            for (int replica = 2; replica <= options.writerReplicas(); replica++) {
                String name = "campus-writer-" + replica;
                services.put(name, ServiceProcess.start(options.projectRoot(), "campus-writer", name,
                        StackPorts.free().writer(), writer, logs));
            }
            services.put("status-service", ServiceProcess.start(options.projectRoot(), "status-service",
                    ports.status(), withInfra(kafka, postgres, "status", statusProperties(tokens, canvas), options,
                            "status-service"), logs));
            for (ServiceProcess service : services.values()) {
                service.awaitReady(options.startTimeout());
            }
        } catch (RuntimeException | java.io.IOException e) {
            services.values().forEach(ServiceProcess::close);
            tokens.close();
            campus.close();
            canvas.close();
            postgres.close();
            kafka.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return new LocalStack(kafka, postgres, canvas, campus, services, tokens);
    }

    /**
     * Sign-in as a district configures it: the identity provider, the claims that make the demo district's admins
     * (a group) and teachers (the accounts' domain), and the simulated Canvas as the district's LTI platform.
     */
    private static Map<String, String> statusProperties(SandboxTokens tokens, CanvasSimulator canvas) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.oidc.auth-server-url", tokens.issuer());
        properties.put("quarkus.oidc.client-id", SandboxTokens.CLIENT_ID);
        properties.put("quarkus.oidc.credentials.secret", SandboxTokens.CLIENT_SECRET);
        properties.put("ccsync.auth.provider-name", "the demo district's identity provider");
        // The sandbox still takes a pasted token (its tests and scripts use the provider's tokens that way).
        properties.put("ccsync.auth.token-sign-in", "true");
        String district = "ccsync.districts." + TENANT + ".";
        properties.put(district + "sign-in.admins", "groups=" + SandboxTokens.ADMIN_GROUP + ",sub="
                + DEMO_SCRIPT_CLIENT);
        properties.put(district + "sign-in.teachers", "hd=" + SandboxTokens.DOMAIN);
        properties.put(district + "lti.issuer", canvas.baseUrl());
        properties.put(district + "lti.client-id", LTI_CLIENT_ID);
        properties.put(district + "lti.deployment-ids", LTI_DEPLOYMENT_ID);
        properties.put(district + "lti.jwks-url", canvas.jwksUrl());
        properties.put(district + "lti.authorization-url", canvas.baseUrl() + "/api/lti/authorize_redirect");
        // The sandbox serves plain HTTP on loopback; a deployment keeps the Secure cookie flag.
        properties.put("ccsync.ui.secure-cookie", "false");
        return properties;
    }

    /** Registers status-service in the simulated Canvas as a course-navigation LTI 1.3 tool (a developer key). */
    private static void registerLtiTool(CanvasSimulator canvas, String statusUrl) {
        String body = """
                {"name": "Grade sync", "clientId": "%s", "deploymentId": "%s",
                 "oidcInitiationUrl": "%s/lti/login", "targetLinkUri": "%s/lti/launch",
                 "redirectUris": ["%s/lti/launch"], "customFields": {"canvas_course_id": "$Canvas.course.id"}}
                """.formatted(LTI_CLIENT_ID, LTI_DEPLOYMENT_ID, statusUrl, statusUrl, statusUrl);
        HttpRequest request = HttpRequest.newBuilder(URI.create(canvas.baseUrl() + "/sim/lti/tools"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("the Canvas simulator refused the LTI tool: " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not register the LTI tool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering the LTI tool", e);
        }
    }

    private static Map<String, String> withInfra(EmbeddedKafka kafka, EmbeddedPostgresServer postgres,
            String database, Map<String, String> own, Options options, String module) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("quarkus.datasource.jdbc.url", postgres.createDatabase(database));
        properties.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        properties.putAll(own);
        properties.putAll(options.propertiesOf(module));
        return properties;
    }

    private static Map<String, String> ingestProperties(CanvasSimulator canvas) {
        String prefix = "ccsync.districts." + TENANT + ".";
        return Map.of(
                prefix + "canvas-base-url", canvas.baseUrl(),
                prefix + "canvas-token", canvas.config().apiToken(),
                prefix + "jwks-url", canvas.jwksUrl());
    }

    private static Map<String, String> writerProperties(CampusSimulator campus) {
        String prefix = "ccsync.districts." + TENANT + ".";
        CampusSimulatorConfig config = campus.config();
        return Map.of(
                prefix + "campus-base-url", campus.baseUrl(),
                prefix + "app-name", config.appName(),
                prefix + "client-id", config.clientId(),
                prefix + "client-secret", config.clientSecret(),
                prefix + "vendor-key", config.vendorKey(),
                prefix + "vendor-secret", config.vendorSecret());
    }

    /**
     * Asks canvas-ingest for a full reconciliation of each course, as status-service's "sync now" does.
     *
     * @return the run ids, in course order
     */
    public List<String> requestFullSync(List<String> courseIds, String requestedBy) {
        List<String> runIds = new ArrayList<>();
        for (String courseId : courseIds) {
            String runId = UUID.randomUUID().toString();
            Instant now = Instant.now();
            kafkaClient.sendJson(Topics.SYNC_REQUESTS, EventKeys.course(TENANT, courseId),
                    new SyncRequested(EventIds.of("sync-requested", runId), now, TENANT, courseId, now.toEpochMilli(),
                            runId, SyncTrigger.MANUAL, requestedBy));
            runIds.add(runId);
        }
        return runIds;
    }

    /** The sandbox's identity provider, trusted by status-service. */
    public SandboxTokens tokens() {
        return tokens;
    }

    /** The simulated Canvas course page of a course, viewed by a user, with the status tool in its navigation. */
    public String canvasCoursePage(long courseId, long userId) {
        return canvas.baseUrl() + "/courses/" + courseId + "?as_user_id=" + userId;
    }

    /** A token of the demo district's admin. */
    public String adminToken() {
        return tokens.districtAdmin(TENANT, "admin@demo.k12.example");
    }

    public CanvasSimulator canvas() {
        return canvas;
    }

    /** The embedded PostgreSQL server every service's database lives on (it can be stopped and restarted). */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public CampusSimulator campus() {
        return campus;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public KafkaTestClient kafkaClient() {
        return kafkaClient;
    }

    public ServiceProcess service(String module) {
        ServiceProcess service = services.get(module);
        if (service == null) {
            throw new IllegalArgumentException("no service " + module);
        }
        return service;
    }

    public String statusUrl() {
        return service("status-service").baseUrl();
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** Finds the project root from the working directory, which may be the root or a module. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("event-contracts"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("run from inside the canvas-campus-sync checkout");
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
        kafkaClient.close();
        tokens.close();
        campus.close();
        canvas.close();
        postgres.close();
        kafka.close();
    }
}
