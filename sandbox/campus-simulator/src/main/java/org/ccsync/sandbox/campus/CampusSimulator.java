package org.ccsync.sandbox.campus;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** One simulated Infinite Campus district (OneRoster 1.2 gradebook, rostering and OAuth2) served over HTTP on 127.0.0.1. */
public final class CampusSimulator implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final long STARTUP_SECONDS = 30;

    private final CampusSimulatorConfig config;
    private final Vertx vertx;
    private final CampusControl control;
    private final HttpServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CampusSimulator(CampusSimulatorConfig config, Vertx vertx, CampusControl control, HttpServer server) {
        this.config = config;
        this.vertx = vertx;
        this.control = control;
        this.server = server;
    }

    /** Starts a simulator and blocks until it listens; the demo district is seeded when the config says so. */
    public static CampusSimulator start(CampusSimulatorConfig config) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setUseDaemonThread(true)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        try {
            CampusControlParts parts = CampusControlParts.create(config);
            parts.control().reset();
            AtomicReference<String> baseUrl = new AtomicReference<>();
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(config.port()))
                    .requestHandler(CampusRouter.build(vertx, config, parts, baseUrl::get));
            await(server.listen());
            baseUrl.set("http://" + HOST + ":" + server.actualPort());
            return new CampusSimulator(config, vertx, parts.control(), server);
        } catch (RuntimeException | Error e) {
            vertx.close();
            throw e;
        }
    }

    public CampusSimulatorConfig config() {
        return config;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://" + HOST + ":" + port();
    }

    public int port() {
        return server.actualPort();
    }

    /** The OAuth2 token endpoint including the {@code appName} query parameter. */
    public String tokenUrl() {
        return baseUrl() + CampusPaths.TOKEN + "?appName=" + config.appName();
    }

    public String gradebookUrl() {
        return baseUrl() + CampusPaths.GRADEBOOK;
    }

    public String rosteringUrl() {
        return baseUrl() + CampusPaths.ROSTERING;
    }

    public CampusControl control() {
        return control;
    }

    /** Stops the server, dropping any held connections; safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            await(vertx.close());
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STARTUP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("campus simulator failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("campus simulator did not respond within " + STARTUP_SECONDS + " s", e);
        }
    }
}
