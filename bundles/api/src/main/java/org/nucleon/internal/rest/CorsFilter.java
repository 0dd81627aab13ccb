package org.nucleon.internal.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;

/**
 * oslo.middleware's CORS filter with Neutron's defaults: off until origins are configured
 * ({@code cors.allowed_origin} in {@code etc/org.nucleon.api.cfg}).
 */
@PreMatching
final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private final Policy policy;

    CorsFilter(Policy policy) {
        this.policy = policy;
    }

    /** The configured CORS policy; origins empty means CORS is off. */
    record Policy(List<String> allowedOrigins, boolean allowCredentials, List<String> exposeHeaders, int maxAge,
            List<String> allowMethods, List<String> allowHeaders) {

        static Policy from(Map<String, Object> config) {
            return new Policy(list(config, "cors.allowed_origin", ""),
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

        boolean allows(String origin) {
            return origin != null && (allowedOrigins.contains(origin) || allowedOrigins.contains("*"));
        }
    }

    @Override
    public void filter(ContainerRequestContext req) {
        String origin = req.getHeaderString("Origin");
        String method = req.getHeaderString("Access-Control-Request-Method");
        if (!"OPTIONS".equals(req.getMethod()) || origin == null || method == null) {
            return;
        }
        Response.ResponseBuilder b = Response.ok();
        if (policy.allows(origin) && policy.allowMethods().contains(method) && headersAllowed(req)) {
            b.header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Max-Age", policy.maxAge())
                    .header("Access-Control-Allow-Methods", method)
                    .header("Vary", "Origin");
            String requested = req.getHeaderString("Access-Control-Request-Headers");
            if (requested != null && !requested.isBlank()) {
                b.header("Access-Control-Allow-Headers", requested);
            }
            if (policy.allowCredentials()) {
                b.header("Access-Control-Allow-Credentials", "true");
            }
        }
        req.abortWith(b.build());
    }

    private boolean headersAllowed(ContainerRequestContext req) {
        String requested = req.getHeaderString("Access-Control-Request-Headers");
        if (requested == null || requested.isBlank()) {
            return true;
        }
        List<String> allowed = policy.allowHeaders().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        return Arrays.stream(requested.split(",")).map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).allMatch(allowed::contains);
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        String origin = req.getHeaderString("Origin");
        if (!policy.allows(origin) || res.getHeaders().containsKey("Access-Control-Allow-Origin")) {
            return;
        }
        res.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
        res.getHeaders().putSingle("Vary", "Origin");
        if (policy.allowCredentials()) {
            res.getHeaders().putSingle("Access-Control-Allow-Credentials", "true");
        }
        if (!policy.exposeHeaders().isEmpty()) {
            res.getHeaders().putSingle("Access-Control-Expose-Headers", String.join(",", policy.exposeHeaders()));
        }
    }
}
