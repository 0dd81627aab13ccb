package org.nucleon.internal.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
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
 * {@link ErrorHandler}, by default with an HTML page. The API servlet hands this component the
 * server it runs in while Jetty initialises it (at boot, and again in each server pax-web builds
 * anew when its settings change), and this component puts a NeutronError-writing error handler into
 * it, giving Jetty's own back when it goes, so a stopped or updated API bundle leaves none of its
 * classes there. It is not a Jetty {@code Handler} service, as it once was: pax-web restarts its
 * whole server for every such service that comes or goes, which dropped the connections of that
 * moment on every boot. It has no configuration, so a change of the API's settings, which
 * restarts the servlet, leaves the handler in place to answer the gap with a 503.
 */
@Component(service = JettyErrors.class)
public class JettyErrors {
    private static final Logger LOG = LoggerFactory.getLogger(JettyErrors.class);
    private Server installedIn;
    private ErrorHandler previous;

    /** Puts the NeutronError handler into the server, unless it is there already. */
    synchronized void installIn(Server server) {
        if (server == installedIn) {
            return;
        }
        try {
            ErrorHandler ours = new NeutronErrorHandler();
            ours.setServer(server);
            // the server starts its new bean when it runs already; the old server, if any, is pax-web's past one
            previous = server.getErrorHandler();
            server.setErrorHandler(ours);
            installedIn = server;
            LOG.debug("Jetty's own errors are NeutronErrors now");
        } catch (RuntimeException e) {
            installedIn = server;
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
