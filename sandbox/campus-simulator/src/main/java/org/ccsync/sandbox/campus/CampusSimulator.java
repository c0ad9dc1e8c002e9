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
    private final io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> router;
    private final int port;
    private volatile HttpServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CampusSimulator(CampusSimulatorConfig config, Vertx vertx, CampusControl control, HttpServer server,
            io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> router) {
        this.config = config;
        this.vertx = vertx;
        this.control = control;
        this.server = server;
        this.router = router;
        this.port = server.actualPort();
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
            var router = CampusRouter.build(vertx, config, parts, baseUrl::get);
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(config.port()))
                    .requestHandler(router);
            await(server.listen());
            baseUrl.set("http://" + HOST + ":" + server.actualPort());
            return new CampusSimulator(config, vertx, parts.control(), server, router);
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
        return port;
    }

    /**
     * IC goes down: the port stops listening, so every connection is refused (open ones are dropped), until
     * {@link #comeBack()}. What IC stored stays.
     */
    public void goDown() {
        await(server.close());
    }

    /** IC listens again on the same port, with everything it stored. */
    public void comeBack() {
        HttpServer again = vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(port))
                .requestHandler(router);
        await(again.listen());
        server = again;
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
