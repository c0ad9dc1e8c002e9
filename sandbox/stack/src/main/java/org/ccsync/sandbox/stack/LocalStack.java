package org.ccsync.sandbox.stack;

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
 * the Canvas and Infinite Campus simulators seeded with the demo district, and the four services as child JVMs.
 */
public final class LocalStack implements AutoCloseable {

    /** The demo district's tenant id. */
    public static final String TENANT = "demo";
    /** The demo district's courses. */
    public static final List<String> DEMO_COURSES = List.of("101", "102", "103");
    /** The four service modules. */
    public static final List<String> SERVICE_MODULES =
            List.of("canvas-ingest", "eligibility-service", "campus-writer", "status-service");

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
            Map<String, Map<String, String>> serviceProperties) {

        /** The demo on the documented ports. */
        public static Options demo(Path projectRoot) {
            return new Options(projectRoot, projectRoot.resolve("sandbox/stack/target/local-stack"),
                    StackPorts.documented(), CanvasSimulatorConfig.defaults(), CampusSimulatorConfig.defaults(),
                    Duration.ofMinutes(3), 1, Map.of());
        }

        /** A private stack on free ports, for system tests and benchmarks. */
        public static Options isolated(Path projectRoot, String name) {
            return new Options(projectRoot, projectRoot.resolve("sandbox/stack/target/" + name),
                    StackPorts.free(), CanvasSimulatorConfig.defaults(), CampusSimulatorConfig.defaults(),
                    Duration.ofMinutes(3), 1, Map.of());
        }

        public Options withCanvas(CanvasSimulatorConfig value) {
            return new Options(projectRoot, workDir, ports, value, campus, startTimeout, writerReplicas,
                    serviceProperties);
        }

        public Options withCampus(CampusSimulatorConfig value) {
            return new Options(projectRoot, workDir, ports, canvas, value, startTimeout, writerReplicas,
                    serviceProperties);
        }

        /** Runs this many campus-writer replicas in one consumer group. */
        public Options withWriterReplicas(int value) {
            return new Options(projectRoot, workDir, ports, canvas, campus, startTimeout, value, serviceProperties);
        }

        /** Adds configuration properties for one service module, for example a lane cap. */
        public Options withServiceProperty(String module, String key, String value) {
            Map<String, Map<String, String>> all = new LinkedHashMap<>(serviceProperties);
            Map<String, String> own = new LinkedHashMap<>(all.getOrDefault(module, Map.of()));
            own.put(key, value);
            all.put(module, own);
            return new Options(projectRoot, workDir, ports, canvas, campus, startTimeout, writerReplicas, all);
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
        SandboxTokens tokens = SandboxTokens.create(options.workDir());

        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        try {
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
                    ports.status(), withInfra(kafka, postgres, "status", statusProperties(tokens), options,
                            "status-service"), logs));
            for (ServiceProcess service : services.values()) {
                service.awaitReady(options.startTimeout());
            }
        } catch (RuntimeException | java.io.IOException e) {
            services.values().forEach(ServiceProcess::close);
            campus.close();
            canvas.close();
            postgres.close();
            kafka.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return new LocalStack(kafka, postgres, canvas, campus, services, tokens);
    }

    private static Map<String, String> statusProperties(SandboxTokens tokens) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mp.jwt.verify.publickey.location", tokens.publicKeyPem().toString());
        properties.put("mp.jwt.verify.issuer", SandboxTokens.ISSUER);
        // The sandbox is its own identity provider: status-service verifies its bearer tokens (and the token cookie)
        // with the sandbox's public key; there is no sign-in redirect to a provider here.
        properties.put("quarkus.oidc.application-type", "service");
        properties.put("quarkus.oidc.public-key", publicKeyBase64(tokens));
        properties.put("quarkus.oidc.token.issuer", SandboxTokens.ISSUER);
        properties.put("quarkus.http.auth.permission.oidc-sign-in.auth-mechanism", "bearer");
        // The sandbox serves plain HTTP on loopback; a deployment keeps the Secure cookie flag.
        properties.put("ccsync.ui.secure-cookie", "false");
        return properties;
    }

    private static String publicKeyBase64(SandboxTokens tokens) {
        try {
            return java.nio.file.Files.readString(tokens.publicKeyPem()).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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

    /** The sandbox's token issuer, trusted by status-service. */
    public SandboxTokens tokens() {
        return tokens;
    }

    /** A token of the demo district's admin. */
    public String adminToken() {
        return tokens.districtAdmin(TENANT, "admin@demo.k12.example");
    }

    public CanvasSimulator canvas() {
        return canvas;
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
        campus.close();
        canvas.close();
        postgres.close();
        kafka.close();
    }
}
