package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a REST handler answers before throttling: status, JSON body, how many items it returns (for the cost)
 * and an optional Link header.
 */
record ApiResult(int status, JsonNode body, int items, String link) {

    static final String NOT_FOUND_MESSAGE = "The specified resource does not exist.";

    static ApiResult ok(JsonNode body, int items, String link) {
        return new ApiResult(200, body, items, link);
    }

    static ApiResult one(JsonNode body) {
        return new ApiResult(200, body, 1, null);
    }

    static ApiResult notFound() {
        return new ApiResult(404, CanvasJson.errors(NOT_FOUND_MESSAGE), 0, null);
    }

    static ApiResult badRequest(String message) {
        return new ApiResult(400, CanvasJson.errors(message), 0, null);
    }

    /** An error answer with Canvas's own body for it. */
    static ApiResult error(int status, JsonNode body) {
        return new ApiResult(status, body, 0, null);
    }
}
