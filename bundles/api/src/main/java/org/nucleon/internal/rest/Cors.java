package org.nucleon.internal.rest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * oslo.middleware's CORS filter with Neutron's defaults: off until origins are configured
 * ({@code cors.allowed_origin} in {@code etc/org.nucleon.api.cfg}). It reads request headers
 * through a lookup and answers the headers to add, so it knows nothing of the servlet API.
 */
record Cors(List<String> allowedOrigins, boolean allowCredentials, List<String> exposeHeaders, int maxAge,
        List<String> allowMethods, List<String> allowHeaders) {

    static Cors from(Map<String, Object> config) {
        return new Cors(list(config, "cors.allowed_origin", ""),
                Boolean.parseBoolean(String.valueOf(config.getOrDefault("cors.allow_credentials", "true"))),
                list(config, "cors.expose_headers", "X-Auth-Token,X-Subject-Token,X-Service-Token,"
                        + "X-OpenStack-Request-ID,OpenStack-Volume-microversion"),
                Integer.parseInt(String.valueOf(config.getOrDefault("cors.max_age", "3600")).trim()),
                list(config, "cors.allow_methods", "GET,PUT,POST,DELETE,PATCH"),
                list(config, "cors.allow_headers", "X-Auth-Token,X-Identity-Status,X-Roles,X-Service-Catalog,"
                        + "X-User-Id,X-Tenant-Id,X-OpenStack-Request-ID"));
    }

    private static List<String> list(Map<String, Object> config, String key, String dflt) {
        return Arrays.stream(String.valueOf(config.getOrDefault(key, dflt)).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private boolean allows(String origin) {
        return origin != null && (allowedOrigins.contains(origin) || allowedOrigins.contains("*"));
    }

    /**
     * A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered here: 200
     * whatever the verdict, with the allowing headers only when the policy allows the request.
     * Null for any other request.
     */
    Map<String, String> preflight(String method, UnaryOperator<String> header) {
        String origin = header.apply("Origin");
        String requestedMethod = header.apply("Access-Control-Request-Method");
        if (!"OPTIONS".equals(method) || origin == null || requestedMethod == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        String requestedHeaders = header.apply("Access-Control-Request-Headers");
        if (allows(origin) && allowMethods.contains(requestedMethod) && headersAllowed(requestedHeaders)) {
            out.put("Access-Control-Allow-Origin", origin);
            out.put("Access-Control-Max-Age", String.valueOf(maxAge));
            out.put("Access-Control-Allow-Methods", requestedMethod);
            out.put("Vary", "Origin");
            if (requestedHeaders != null && !requestedHeaders.isBlank()) {
                out.put("Access-Control-Allow-Headers", requestedHeaders);
            }
            if (allowCredentials) {
                out.put("Access-Control-Allow-Credentials", "true");
            }
        }
        return out;
    }

    private boolean headersAllowed(String requested) {
        if (requested == null || requested.isBlank()) {
            return true;
        }
        List<String> allowed = allowHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        return Arrays.stream(requested.split(",")).map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).allMatch(allowed::contains);
    }

    /** The headers any other response gets when the request came from an allowed origin. */
    Map<String, String> actual(String origin) {
        if (!allows(origin)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Access-Control-Allow-Origin", origin);
        out.put("Vary", "Origin");
        if (allowCredentials) {
            out.put("Access-Control-Allow-Credentials", "true");
        }
        if (!exposeHeaders.isEmpty()) {
            out.put("Access-Control-Expose-Headers", String.join(",", exposeHeaders));
        }
        return out;
    }
}
