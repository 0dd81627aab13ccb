package org.nucleon.internal.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.nucleon.api.error.NeutronException;
import org.nucleon.internal.controller.ApiResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests Jetty refuses before any servlet sees them (a path with a malformed percent escape
 * such as {@code /v2.0/networks/%zz}, headers too large) are answered by the server's
 * {@link ErrorHandler}, by default with an HTML page. pax-web adds every {@link Handler} service
 * to its Jetty server and hands it the server; this handler passes every request on and only
 * uses that moment to put a NeutronError-writing error handler into the server, giving Jetty's
 * own back when it goes (so a stopped or updated API bundle leaves none of its classes there).
 * pax-web restarts its Jetty server whenever a Handler service comes or goes, so this component
 * has no configuration: it comes and goes with the API bundle alone, never with a settings change.
 */
@Component(service = Handler.class)
public class JettyErrors extends AbstractHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JettyErrors.class);
    private Server installedIn;
    private ErrorHandler previous;

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) {
        // requests pass on to the contexts
    }

    @Override
    public synchronized void setServer(Server server) {
        super.setServer(server);
        if (server == null || installedIn != null) {
            return;
        }
        // this runs inside Jetty's start: whatever goes wrong must not keep the server from starting
        try {
            ErrorHandler ours = new NeutronErrorHandler();
            // given the server first: the server starts its new bean, and a started handler takes no server
            ours.setServer(server);
            previous = server.getErrorHandler();
            server.setErrorHandler(ours);
            installedIn = server;
            LOG.debug("Jetty's own errors are NeutronErrors now");
        } catch (RuntimeException e) {
            LOG.warn("Jetty's own errors stay HTML pages: its error handler could not be replaced", e);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (installedIn != null && installedIn.getErrorHandler() instanceof NeutronErrorHandler) {
            installedIn.setErrorHandler(previous);
        }
        installedIn = null;
    }

    /** Jetty's error handler, answering as Neutron's catch_errors would: JSON, with a request id. */
    static final class NeutronErrorHandler extends ErrorHandler {
        /** webob's names of the statuses Jetty answers by itself. */
        private static final Map<Integer, String> TYPES = Map.of(400, "HTTPBadRequest", 413,
                "HTTPRequestEntityTooLarge", 414, "HTTPRequestURITooLong", 431, "HTTPRequestHeaderFieldsTooLarge",
                505, "HTTPVersionNotSupported");

        static byte[] body(int status, String reason) {
            String type = TYPES.getOrDefault(status, status < 500 ? "HTTPBadRequest" : "HTTPInternalServerError");
            String message = reason == null || reason.isBlank() ? ApiResponse.WEBOB_CLIENT_ERROR : reason;
            return ApiServlet.json(ApiResponse.error(new NeutronException(status, type, message)));
        }

        /** A request Jetty could not parse (bad URI, headers too large): no servlet ever saw it. */
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            fields.put(HttpHeader.CONTENT_TYPE, ApiServlet.JSON_TYPE);
            fields.put(ApiServlet.REQUEST_ID, ApiServlet.newRequestId());
            return ByteBuffer.wrap(body(status, reason));
        }

        /**
         * An error Jetty raised itself while dispatching, outside the API servlet. Its 404 says that
         * no servlet took the path, and the API's takes every path: it is not registered at this
         * moment (the API bundle starting, or its component restarting with new settings), so the
         * answer is 503, as for a server still starting, not that the resource does not exist.
         */
        @Override
        protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                HttpServletResponse response, int code, String message) throws IOException {
            baseRequest.setHandled(true);
            response.setContentType(ApiServlet.JSON_TYPE);
            response.setHeader(ApiServlet.REQUEST_ID, ApiServlet.newRequestId());
            if (code == 404) {
                response.setStatus(ApiServlet.STARTING.status());
                ApiServlet.STARTING.headers().forEach(response::setHeader);
                response.getOutputStream().write(ApiServlet.json(ApiServlet.STARTING));
            } else {
                response.getOutputStream().write(body(code, message));
            }
        }
    }
}
