package org.nucleon.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.OPTIONS;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;
import org.nucleon.api.error.NeutronException;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiRequest;
import org.nucleon.internal.controller.ApiResponse;
import org.nucleon.internal.controller.QueryString;

/**
 * The single JAX-RS resource: every path and method goes to the generic controller, which
 * resolves it against the current route table. Jersey itself never needs to reload.
 */
@Path("{path: .*}")
public final class ApiResource {
    private final ApiController controller;
    private final Rendering rendering;
    private final int maxBodySize;

    ApiResource(ApiController controller, Rendering rendering, int maxBodySize) {
        this.controller = controller;
        this.rendering = rendering;
        this.maxBodySize = maxBodySize;
    }

    @GET
    public Response get(@Context ContainerRequest r) {
        return handle(r);
    }

    @POST
    public Response post(@Context ContainerRequest r) {
        return handle(r);
    }

    @PUT
    public Response put(@Context ContainerRequest r) {
        return handle(r);
    }

    @DELETE
    public Response delete(@Context ContainerRequest r) {
        return handle(r);
    }

    /** Neutron answers HEAD with 405; without this Jersey would run GET for it. */
    @HEAD
    public Response head(@Context ContainerRequest r) {
        return handle(r);
    }

    @PATCH
    public Response patch(@Context ContainerRequest r) {
        return handle(r);
    }

    @OPTIONS
    public Response options(@Context ContainerRequest r) {
        return handle(r);
    }

    private Response handle(ContainerRequest r) {
        String requestId = RequestIdFilter.requestId(r);
        ApiResponse res;
        try {
            byte[] body = readBody(r.getEntityStream());
            ApiRequest req = new ApiRequest(r.getMethod(), baseUrl(r), r.getUriInfo().getPath(true),
                    QueryString.parse(r.getRequestUri().getRawQuery()), r.getHeaders(), body);
            res = controller.handle(req, requestId);
        } catch (NeutronException e) {
            res = ApiResponse.error(e);
        }
        return rendering.render(res);
    }

    private byte[] readBody(InputStream in) {
        try {
            byte[] data = in.readNBytes(maxBodySize + 1);
            if (data.length > maxBodySize) {
                throw new NeutronException(413, "HTTPRequestEntityTooLarge", "Request is too large.");
            }
            return data;
        } catch (IOException e) {
            throw NeutronException.badRequest("The request body could not be read.");
        }
    }

    /** The URL the client used, honouring a proxy's X-Forwarded-Proto and -Host (http_proxy_to_wsgi). */
    private static String baseUrl(ContainerRequest r) {
        URI base = r.getBaseUri();
        String proto = first(r, "X-Forwarded-Proto");
        String host = first(r, "X-Forwarded-Host");
        String hostHeader = first(r, "Host");
        String scheme = proto != null ? proto : base.getScheme();
        String authority = host != null ? host : hostHeader != null ? hostHeader : base.getRawAuthority();
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + authority + prefix;
    }

    private static String first(ContainerRequest r, String header) {
        String v = r.getHeaderString(header);
        if (v == null || v.isBlank()) {
            return null;
        }
        int comma = v.indexOf(',');
        return (comma < 0 ? v : v.substring(0, comma)).trim();
    }
}
