package org.nucleon.internal.rest;

import javax.ws.rs.NotAllowedException;
import javax.ws.rs.WebApplicationException;
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
    private final Rendering rendering;

    ErrorMapper(Rendering rendering) {
        this.rendering = rendering;
    }

    @Override
    public Response toResponse(Throwable t) {
        if (t instanceof NotAllowedException) {
            return rendering.render(ApiResponse.error(new NeutronException(405, "HTTPMethodNotAllowed",
                    "The server could not comply with the request since it is either malformed or otherwise "
                            + "incorrect.")));
        }
        if (t instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            return rendering.render(ApiResponse.error(new NeutronException(status, "HTTPBadRequest",
                    w.getResponse().getStatusInfo().getReasonPhrase())));
        }
        LOG.error("unexpected failure in the REST layer", t);
        return rendering.render(ApiResponse.error(new NeutronException(500, "HTTPInternalServerError",
                "Request Failed: internal server error while processing your request.")));
    }
}
