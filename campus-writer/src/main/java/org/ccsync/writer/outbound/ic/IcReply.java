package org.ccsync.writer.outbound.ic;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What IC answered one request: status, body and the Retry-After and paging headers; {@link #checked} turns an
 * error status into the {@link WriteFailure} it means (429 and 5xx transient, with Retry-After; 4xx rejected with
 * IC's imsx code and description).
 */
record IcReply(int status, String body, String retryAfter, String link, String totalCount) {

    private static final Pattern NEXT_LINK = Pattern.compile("rel\\s*=\\s*\"?next\"?", Pattern.CASE_INSENSITIVE);

    /** Whether another page follows one of {@code size} items read at {@code offset}. */
    boolean hasNext(int offset, int size, int limit) {
        if (link != null && !link.isBlank()) {
            return NEXT_LINK.matcher(link).find();
        }
        if (totalCount != null && totalCount.trim().matches("\\d+")) {
            return offset + size < Long.parseLong(totalCount.trim());
        }
        return size >= limit;
    }

    /** This answer when it is a success; else the failure it means. */
    IcReply checked(String what) {
        if (status >= 200 && status < 300) {
            return this;
        }
        ImsxError error = ImsxError.parse(body);
        String description = error.describe().orElse("no description given");
        if (status == 429 || status >= 500) {
            String code = status == 429 ? "ic_server_busy" : "ic_unavailable";
            throw WriteFailure.transientFailure(code, status,
                    what + " got HTTP " + status + " from Infinite Campus: " + description,
                    Backoff.parseRetryAfter(retryAfter, Instant.now()).orElse(null));
        }
        String code = error.code().map(IcReply::snake).map(c -> "ic_" + c).orElseGet(() -> codeFor(status));
        throw WriteFailure.rejected(code, status, "Infinite Campus rejected " + what + " (HTTP " + status
                + error.code().map(c -> " " + c).orElse("") + "): " + description);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "ic_bad_request";
            case 403 -> "ic_forbidden";
            case 404 -> "ic_unknownobject";
            case 422 -> "ic_invaliddata";
            default -> "ic_http_" + status;
        };
    }

    private static String snake(String code) {
        return code.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }
}
