package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official OneRoster 1.2 REST bindings (1EdTech's OpenAPI 3.0 files, copied unchanged into
 * {@code oneroster-1.2/} on the classpath), and validation of requests and responses against them by
 * networknt's json-schema-validator with the OpenAPI 3.0 dialect: operations by method and path, query parameters,
 * request bodies, response bodies and each operation's OAuth2 scopes.
 */
public final class OneRosterContract {

    /** The two OneRoster 1.2 services the simulator serves. */
    public enum Service {
        GRADEBOOK("oneroster-1.2/onerosterv1p2gradebookservice_openapi3_v1p0.json"),
        ROSTERING("oneroster-1.2/onerosterv1p2rostersservice_openapi3_v1p0.json");

        private final String resource;

        Service(String resource) {
            this.resource = resource;
        }

        /** The classpath resource of the service's OpenAPI file. */
        public String resource() {
            return resource;
        }
    }

    /**
     * One operation of a service's binding.
     *
     * @param template the path template relative to the service's base path, e.g. {@code /lineItems/{sourcedId}}
     * @param scopes   the OAuth2 scopes of the operation's security requirement
     */
    public record Operation(Service service, String method, String template, String operationId, List<String> scopes,
                            JsonNode node) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("\\{[^/}]+}");
    private static volatile OneRosterContract instance;

    private final SchemaRegistry registry;
    private final Map<Service, JsonNode> documents = new ConcurrentHashMap<>();
    private final Map<Service, List<Route>> routes = new ConcurrentHashMap<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OneRosterContract() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .build();
        registry = SchemaRegistry.withDialect(Dialects.getOpenApi30(), builder -> builder.schemaRegistryConfig(config));
        for (Service service : Service.values()) {
            JsonNode document = read(service.resource());
            documents.put(service, document);
            routes.put(service, routes(service, document));
        }
    }

    /** The contract, loaded once from the classpath. */
    public static OneRosterContract get() {
        OneRosterContract contract = instance;
        if (contract == null) {
            synchronized (OneRosterContract.class) {
                if (instance == null) {
                    instance = new OneRosterContract();
                }
                contract = instance;
            }
        }
        return contract;
    }

    /** Every OAuth2 scope the two services define (their {@code OAuth2CC} client-credentials flows). */
    public Set<String> knownScopes() {
        Set<String> scopes = new TreeSet<>();
        for (JsonNode document : documents.values()) {
            document.path("components").path("securitySchemes").path("OAuth2CC").path("flows")
                    .path("clientCredentials").path("scopes").fieldNames().forEachRemaining(scopes::add);
        }
        return Collections.unmodifiableSet(scopes);
    }

    /** The operation that serves {@code method path}, path relative to the service's base; empty when none does. */
    public Optional<Operation> operation(Service service, String method, String path) {
        Route best = null;
        for (Route route : routes.get(service)) {
            if (route.operation.method().equalsIgnoreCase(method) && route.pattern.matcher(path).matches()
                    && (best == null || route.literals > best.literals)) {
                best = route;
            }
        }
        return Optional.ofNullable(best).map(r -> r.operation);
    }

    /** Violations of a named schema of the service's components, e.g. {@code SingleResultDType}; empty when valid. */
    public List<String> validateSchema(Service service, String schemaName, String json) {
        return errors(schema(service, "#/components/schemas/" + schemaName), json);
    }

    /**
     * Violations of the request: every declared query parameter that is present must match its schema, and the body
     * must match the request body schema (a required body must be there).
     */
    public List<String> validateRequest(Operation operation, Map<String, List<String>> query, String body) {
        List<String> violations = new ArrayList<>();
        for (JsonNode parameter : operation.node().path("parameters")) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            String name = parameter.path("name").asText();
            List<String> values = query.get(name);
            if (values == null || values.isEmpty()) {
                continue;
            }
            JsonNode schemaNode = parameter.path("schema");
            String value = values.get(values.size() - 1);
            String instance = parameterInstance(schemaNode, value);
            for (String error : errors(inlineSchema(schemaNode), instance)) {
                violations.add("query parameter " + name + "=\"" + value + "\": " + error);
            }
        }
        JsonNode requestBody = operation.node().path("requestBody");
        if (!requestBody.isMissingNode()) {
            String ref = requestBody.path("content").path("application/json").path("schema").path("$ref").asText(null);
            if (body == null || body.isBlank()) {
                if (requestBody.path("required").asBoolean(false)) {
                    violations.add("a JSON request body is required");
                }
            } else if (ref != null) {
                violations.addAll(errors(schema(operation.service(), ref), body));
            }
        }
        return violations;
    }

    /**
     * Violations of a response: the status must be declared (or covered by {@code default}) and a body must match
     * the schema declared for that status. A status declared without content takes no body check.
     */
    public List<String> validateResponse(Operation operation, int status, String body) {
        JsonNode responses = operation.node().path("responses");
        JsonNode response = responses.path(Integer.toString(status));
        if (response.isMissingNode()) {
            response = responses.path("default");
        }
        if (response.isMissingNode()) {
            return List.of("HTTP " + status + " is not a declared response of " + operation.operationId());
        }
        String ref = response.path("content").path("application/json").path("schema").path("$ref").asText(null);
        if (ref == null) {
            return List.of();
        }
        if (body == null || body.isBlank()) {
            return List.of("HTTP " + status + " of " + operation.operationId() + " needs a JSON body");
        }
        return errors(schema(operation.service(), ref), body);
    }

    private Schema schema(Service service, String ref) {
        String location = "classpath:" + service.resource() + ref;
        return schemas.computeIfAbsent(location, l -> {
            Schema schema = registry.getSchema(SchemaLocation.of(l));
            schema.initializeValidators();
            return schema;
        });
    }

    private Schema inlineSchema(JsonNode schemaNode) {
        return schemas.computeIfAbsent("inline:" + schemaNode, l -> registry.getSchema(schemaNode.toString(),
                InputFormat.JSON));
    }

    /** A query value as the JSON its schema types it: numbers and booleans when they parse, else a string. */
    private static String parameterInstance(JsonNode schemaNode, String value) {
        String type = schemaNode.path("type").asText("string");
        try {
            switch (type) {
                case "integer":
                    if (value.trim().matches("-?\\d+")) {
                        return Long.toString(Long.parseLong(value.trim()));
                    }
                    break;
                case "number":
                    return Double.toString(Double.parseDouble(value.trim()));
                case "boolean":
                    if (value.equals("true") || value.equals("false")) {
                        return value;
                    }
                    break;
                case "array":
                    List<String> items = List.of(value.split(","));
                    return JSON.writeValueAsString(items);
                default:
                    break;
            }
            return JSON.writeValueAsString(value);
        } catch (NumberFormatException | IOException e) {
            return quoted(value);
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static List<String> errors(Schema schema, String json) {
        List<Error> errors;
        try {
            errors = schema.validate(json, InputFormat.JSON);
        } catch (RuntimeException e) {
            return List.of("not valid JSON: " + e.getMessage());
        }
        return errors.stream().map(Error::toString).toList();
    }

    private static List<Route> routes(Service service, JsonNode document) {
        List<Route> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String template = path.getKey();
            Matcher params = PARAM.matcher(template);
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (params.find()) {
                regex.append(Pattern.quote(template.substring(last, params.start()))).append("[^/]+");
                last = params.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            Pattern pattern = Pattern.compile(regex.toString());
            int literals = (int) java.util.Arrays.stream(template.split("/"))
                    .filter(s -> !s.isEmpty() && !s.startsWith("{")).count();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                List<String> scopes = new ArrayList<>();
                for (JsonNode requirement : op.getValue().path("security")) {
                    requirement.fields().forEachRemaining(e -> e.getValue().forEach(s -> scopes.add(s.asText())));
                }
                Operation operation = new Operation(service, op.getKey().toUpperCase(Locale.ROOT), template,
                        op.getValue().path("operationId").asText(), List.copyOf(scopes), op.getValue());
                routes.add(new Route(operation, pattern, literals));
            }
        }
        return List.copyOf(routes);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OneRosterContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OneRoster binding " + resource + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An operation and the regular expression of its path template. */
    private record Route(Operation operation, Pattern pattern, int literals) {
    }
}
