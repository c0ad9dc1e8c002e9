package org.ccsync.status.access;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads claims of an identity provider's token, and matches them against a district's {@code claim=value} sign-in
 * rules: a nested claim is named by its path ({@code realm_access/roles}); a list claim matches when it contains
 * the value.
 */
final class SignInRules {

    private SignInRules() {
    }

    /** Whether any rule matches the token. */
    static boolean anyMatches(List<String> rules, JsonWebToken token) {
        for (String rule : rules) {
            int eq = rule.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String claim = rule.substring(0, eq).trim();
            String value = rule.substring(eq + 1).trim();
            if (values(token, claim).contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** The claim's values as strings: one for a string, number or boolean, each string of a list, none if absent. */
    static List<String> values(JsonWebToken token, String path) {
        String[] segments = path.split("/");
        Object value = token.getClaim(segments[0]);
        for (int i = 1; i < segments.length && value != null; i++) {
            value = child(value, segments[i]);
        }
        List<String> values = new ArrayList<>();
        collect(value, values);
        return values;
    }

    private static Object child(Object value, String name) {
        if (value instanceof JsonObject object) {
            return object.get(name);
        }
        if (value instanceof Map<?, ?> map) {
            return map.get(name);
        }
        return null;
    }

    private static void collect(Object value, List<String> into) {
        if (value == null || value == JsonValue.NULL) {
            return;
        }
        if (value instanceof JsonString s) {
            into.add(s.getString());
        } else if (value instanceof JsonNumber n) {
            into.add(n.toString());
        } else if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            into.add(value.toString());
        } else if (value instanceof JsonArray array) {
            array.forEach(item -> collect(item, into));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> collect(item, into));
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            into.add(String.valueOf(value));
        }
    }
}
