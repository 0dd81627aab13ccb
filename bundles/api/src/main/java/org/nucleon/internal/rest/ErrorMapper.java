package org.nucleon.internal.rest;

import java.util.Map;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.nucleon.api.error.NeutronException;
import org.nucleon.internal.controller.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * catch_errors: whatever escapes the controller inside Jersey (an unknown HTTP method, a
 * failure in a filter) still becomes a NeutronError, never a stack trace.
 */
final class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private static final String MALFORMED =
            "The server could not comply with the request since it is either malformed or otherwise incorrect.";

    /**
     * Neutron renders a webob HTTP exception with its class name as the type and its explanation
     * as the message; these are WebOb 1.8's, status by status (405, 406 and 415 explain nothing
     * of their own and inherit HTTPClientError's).
     */
    private static final Map<Integer, Fault> CLIENT_ERRORS = Map.ofEntries(
            fault(400, "HTTPBadRequest", MALFORMED),
            fault(401, "HTTPUnauthorized", "This server could not verify that you are authorized to access the "
                    + "document you requested. Either you supplied the wrong credentials (e.g., bad password), or "
                    + "your browser does not understand how to supply the credentials required."),
            fault(402, "HTTPPaymentRequired", "Access was denied for financial reasons."),
            fault(403, "HTTPForbidden", "Access was denied to this resource."),
            fault(404, "HTTPNotFound", "The resource could not be found."),
            fault(405, "HTTPMethodNotAllowed", MALFORMED),
            fault(406, "HTTPNotAcceptable", MALFORMED),
            fault(407, "HTTPProxyAuthenticationRequired", "Authentication with a local proxy is needed."),
            fault(408, "HTTPRequestTimeout", "The server has waited too long for the request to be sent by the client."),
            fault(409, "HTTPConflict", "There was a conflict when trying to complete your request."),
            fault(410, "HTTPGone", "This resource is no longer available. No forwarding address is given."),
            fault(411, "HTTPLengthRequired", "Content-Length header required."),
            fault(412, "HTTPPreconditionFailed", "Request precondition failed."),
            fault(413, "HTTPRequestEntityTooLarge", "The body of your request was too large for this server."),
            fault(414, "HTTPRequestURITooLong", "The request URI was too long for this server."),
            fault(415, "HTTPUnsupportedMediaType", MALFORMED),
            fault(416, "HTTPRequestRangeNotSatisfiable", "The Range requested is not available."),
            fault(417, "HTTPExpectationFailed", "Expectation failed."),
            fault(422, "HTTPUnprocessableEntity", "Unable to process the contained instructions"),
            fault(423, "HTTPLocked", "The resource is locked"),
            fault(424, "HTTPFailedDependency", "The method could not be performed because the requested action "
                    + "dependended on another action and that action failed"),
            fault(428, "HTTPPreconditionRequired", "This request is required to be conditional"),
            fault(429, "HTTPTooManyRequests", "The client has sent too many requests in a given amount of time"),
            fault(431, "HTTPRequestHeaderFieldsTooLarge", "The request header fields were too large"),
            fault(451, "HTTPUnavailableForLegalReasons", "The resource is not available due to legal reasons."));

    private record Fault(String type, String message) {
    }

    private static Map.Entry<Integer, Fault> fault(int status, String type, String message) {
        return Map.entry(status, new Fault(type, message));
    }

    private final Rendering rendering;

    ErrorMapper(Rendering rendering) {
        this.rendering = rendering;
    }

    @Override
    public Response toResponse(Throwable t) {
        if (t instanceof WebApplicationException w && w.getResponse().getStatus() >= 400
                && w.getResponse().getStatus() < 500) {
            Response jaxrs = w.getResponse();
            int status = jaxrs.getStatus();
            // a 4xx webob has no class for is still a client error: its base class, HTTPClientError
            Fault f = CLIENT_ERRORS.getOrDefault(status, new Fault("HTTPClientError", MALFORMED));
            ApiResponse error = ApiResponse.error(new NeutronException(status, f.type(), f.message()));
            // a 405 tells the methods the resource has, as the controller's own 405 does
            String allow = jaxrs.getHeaderString(HttpHeaders.ALLOW);
            return rendering.render(allow == null ? error
                    : new ApiResponse(error.status(), error.body(), Map.of(HttpHeaders.ALLOW, allow)));
        }
        LOG.error("unexpected failure in the REST layer", t);
        return rendering.render(ApiResponse.error(new NeutronException(500, "HTTPInternalServerError",
                "Request Failed: internal server error while processing your request.")));
    }
}
