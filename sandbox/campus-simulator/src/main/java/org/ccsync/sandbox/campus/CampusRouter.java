package org.ccsync.sandbox.campus;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.function.Supplier;

/** Wires the handlers of one simulator into a Vert.x router in the order IC applies them. */
final class CampusRouter {

    private static final long BODY_LIMIT = 1_048_576;

    private CampusRouter() {
    }

    static Router build(Vertx vertx, CampusSimulatorConfig config, CampusControlParts parts, Supplier<String> baseUrl) {
        Router router = Router.router(vertx);
        TokenIssuer tokens = parts.tokens();
        Pagination pagination = new Pagination(baseUrl);

        router.route(CampusPaths.CAMPUS + "/*").handler(new RequestRecorder(parts.journal(), parts.stats()));
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.post(CampusPaths.TOKEN).handler(new TokenEndpoint(config, tokens, parts.stats(), parts.settings()));

        // Every OneRoster answer is checked against the official binding; requests are checked once authorised.
        String gradebook = CampusPaths.GRADEBOOK + "/*";
        ContractGuard gradebookContract = new ContractGuard(OneRosterContract.Service.GRADEBOOK, CampusPaths.GRADEBOOK);
        router.route(gradebook).handler(gradebookContract.identify());
        router.route(gradebook).handler(new LoadGovernor(vertx, parts.settings(), parts.stats()));
        router.route(gradebook).handler(new AccessGuard(tokens, parts.settings(), config, true));
        router.route(gradebook).handler(new FaultHandler(vertx, parts.faults(), parts.settings()));
        router.route(gradebook).handler(gradebookContract.check());
        new GradebookRoutes(parts.store(), pagination, parts.settings()).mount(router);

        String rostering = CampusPaths.ROSTERING + "/*";
        ContractGuard rosteringContract = new ContractGuard(OneRosterContract.Service.ROSTERING, CampusPaths.ROSTERING);
        router.route(rostering).handler(rosteringContract.identify());
        router.route(rostering).handler(new AccessGuard(tokens, parts.settings(), config, false));
        router.route(rostering).handler(rosteringContract.check());
        new RosteringRoutes(parts.store(), pagination, new RosterJson(baseUrl)).mount(router);

        router.route(CampusPaths.CAMPUS + "/*").handler(ctx -> HttpReplies.imsx(ctx, ImsxException.unknownObject(
                "no endpoint " + ctx.request().method() + " " + ctx.request().path())));
        new SimControlRoutes(parts.control()).mount(router);

        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            String description = ctx.failure() == null ? "HTTP " + status : String.valueOf(ctx.failure().getMessage());
            HttpReplies.imsx(ctx, status, ImsxException.codeMinorFor(status), description);
        });
        return router;
    }
}
