package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A simulated Canvas LMS running in-process: REST API, JWKS, control API and Live Event webhook delivery. */
public final class CanvasSimulator implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_SECONDS = 30;

    private final CanvasSimulatorConfig config;
    private final Vertx vertx;
    private final HttpServer server;
    private final CanvasControl control;
    private final LiveEventPublisher publisher;

    private CanvasSimulator(CanvasSimulatorConfig config, Vertx vertx, HttpServer server, CanvasControl control,
            LiveEventPublisher publisher) {
        this.config = config;
        this.vertx = vertx;
        this.server = server;
        this.control = control;
        this.publisher = publisher;
    }

    /** Starts a simulator on 127.0.0.1 and returns once it is listening. */
    public static CanvasSimulator start(CanvasSimulatorConfig config) {
        SimClock clock = SimClock.system();
        CanvasStore store = new CanvasStore();
        SigningKeys keys = new SigningKeys();
        LiveEventPublisher publisher = new LiveEventPublisher(keys, config.webhookUrl(), config.signEvents());
        ApiGate gate = new ApiGate(config.apiToken(), new LeakyBucket(config.bucketHighWater(),
                config.drainPerSecond()));
        CanvasControl control = new CanvasControl(store, new LiveEventFactory(config.tenant()), publisher, gate, keys,
                clock, config.seedDemo());
        control.reset();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        int[] boundPort = {config.port()};
        Router router = Router.router(vertx);
        new CanvasRestRoutes(store, gate, keys, clock, config.requestCost(),
                () -> "http://" + HOST + ":" + boundPort[0]).mount(router);
        new ControlRoutes(control).mount(router);
        new LtiRoutes(new LtiPlatform(store, keys, clock, () -> "http://" + HOST + ":" + boundPort[0]), store)
                .mount(router);
        router.route().last().handler(ctx -> {
            ObjectNode body = CanvasJson.errors(ApiResult.NOT_FOUND_MESSAGE);
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(CanvasJson.write(body));
        });
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(config.port(), HOST)
                    .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            boundPort[0] = server.actualPort();
            return new CanvasSimulator(config, vertx, server, control, publisher);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(vertx, publisher);
            throw new IllegalStateException("interrupted while starting the Canvas simulator", e);
        } catch (ExecutionException | TimeoutException e) {
            shutdown(vertx, publisher);
            throw new IllegalStateException("cannot start the Canvas simulator on port " + config.port(), e);
        }
    }

    /** E.g. {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://" + HOST + ":" + port();
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code baseUrl() + "/api/lti/security/jwks"}. */
    public String jwksUrl() {
        return baseUrl() + CanvasRestRoutes.JWKS_PATH;
    }

    public CanvasControl control() {
        return control;
    }

    public CanvasSimulatorConfig config() {
        return config;
    }

    /** Stops the HTTP server and the event deliveries still pending. */
    @Override
    public void close() {
        shutdown(vertx, publisher);
    }

    private static void shutdown(Vertx vertx, LiveEventPublisher publisher) {
        publisher.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot stop the Canvas simulator", e);
        }
    }
}
