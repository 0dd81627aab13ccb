package org.nucleon.internal.rest;

import java.util.UUID;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;

/** oslo.middleware's RequestId: every response carries {@code X-Openstack-Request-Id: req-<uuid>}. */
@PreMatching
final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String HEADER = "X-Openstack-Request-Id";
    private static final String PROPERTY = "nucleon.request-id";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, "req-" + UUID.randomUUID());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, requestId(request));
    }

    static String requestId(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id != null ? id.toString() : "req-" + UUID.randomUUID();
    }
}
