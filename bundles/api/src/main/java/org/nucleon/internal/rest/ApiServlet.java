package org.nucleon.internal.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.servlet.Servlet;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.karaf.features.BootFinished;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.quota.QuotaEngine;
import org.nucleon.internal.auth.KeystoneAuth;
import org.nucleon.internal.auth.KeystoneConfig;
import org.nucleon.internal.controller.ApiConfig;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiRequest;
import org.nucleon.internal.controller.ApiResponse;
import org.nucleon.internal.controller.QueryString;
import org.nucleon.internal.policy.PolicySource;
import org.nucleon.internal.registry.ExtensionManager;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Neutron API as one whiteboard servlet: the pipeline (request id, CORS, catch errors) in
 * front of the generic controller, which resolves every path against the current route table.
 * No JAX-RS framework sits in between: with one catch-all resource it only added work, about 45 %
 * of a network show's CPU when Jersey did this. Settings come from the PID
 * {@code org.nucleon.api}; a change (auth_strategy included) restarts this component, never the
 * plugins. The policy file ({@code policy_file}) is read again whenever it changes, without a restart.
 */
@Component(service = Servlet.class, configurationPid = "org.nucleon.api", property = {
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=nucleon-api",
    // pax-web's: initialised while Jetty starts the context (at boot, and in each server pax-web builds anew
    // when its settings change), so Jetty's own errors are NeutronErrors from the first request
    "load-on-startup:Integer=0"})
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Leaves the stream open when writing fails, so Jetty aborts the answer rather than ending it. */
    private static final ObjectWriter STREAMING = JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    static final String JSON_TYPE = "application/json";
    /** oslo.middleware's RequestId: every response carries it, Jetty's own errors too. */
    static final String REQUEST_ID = "X-Openstack-Request-Id";
    /** The answer while the API is not ready: from this servlet before the boot is finished, and from Jetty. */
    static final ApiResponse STARTING = new ApiResponse(503, ApiResponse.error(new NeutronException(503,
            "ServiceUnavailable", "The API is not ready: the server is starting it. Try again in a moment."))
            .body(), Map.of("Retry-After", "1"));

    @Reference
    private transient ExtensionManager extensions;

    /** The quota extension's engine while its bundle runs; without it creates are not limited. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile QuotaEngine quotas;

    /** Set once Karaf has installed its boot features, and kept (Karaf may register BootFinished again later). */
    private transient volatile boolean booted;

    @Reference
    private transient ServiceComponentRuntime components;

    @Reference
    private transient JettyErrors jettyErrors;

    /** Every request is answered 503 until it opens. */
    private transient BootGate bootGate;

    private transient Map<String, Object> settings;
    private transient ApiController.Authenticator authenticator;
    private transient ApiController controller;
    private transient Cors cors;
    private int maxBodySize;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBootFinished(BootFinished finished) {
        booted = true;
    }

    void unbindBootFinished(BootFinished finished) {
        // the boot happened all the same
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        activate(properties, new BootGate(() -> booted, () -> BootGate.bundlesNotStarted(context), components,
                System::nanoTime));
    }

    void activate(Map<String, Object> properties, BootGate gate) {
        this.authenticator = authenticator(properties);
        this.settings = properties;
        this.bootGate = gate;
    }

    boolean booted() {
        return booted;
    }

    /**
     * Neutron's auth_strategy. Anything unknown, or keystone without its options, is refused at
     * activation, so a typo never leaves the API open.
     */
    static ApiController.Authenticator authenticator(Map<String, Object> p) {
        String strategy = String.valueOf(p.getOrDefault("auth_strategy", "noauth")).trim();
        return switch (strategy) {
            case "noauth" -> new NoAuth();
            case "keystone" -> new KeystoneAuth(KeystoneConfig.from(p));
            default -> throw new IllegalArgumentException("auth_strategy '" + strategy
                    + "' is not supported; use noauth or keystone");
        };
    }

    static ApiConfig apiConfig(Map<String, Object> p) {
        ApiConfig d = ApiConfig.DEFAULTS;
        return new ApiConfig(
                Boolean.parseBoolean(String.valueOf(p.getOrDefault("allow_bulk", d.allowBulk())).trim()),
                Integer.parseInt(String.valueOf(p.getOrDefault("pagination_max_limit", d.paginationMaxLimit())).trim()),
                Integer.parseInt(String.valueOf(p.getOrDefault("max_request_body_size", d.maxRequestBodySize())).trim()));
    }

    /** Neutron's default policy, with the rules of {@code policy_file} over it when that names a file. */
    static PolicySource policySource(Map<String, Object> p) {
        Object file = p.get("policy_file");
        return new PolicySource(file == null || String.valueOf(file).isBlank() ? null
                : Path.of(String.valueOf(file).trim()));
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        ContextHandler.Context jetty = ContextHandler.getCurrentContext();
        if (jetty != null) {
            jettyErrors.installIn(jetty.getContextHandler().getServer());
        }
        ApiConfig api = apiConfig(settings);
        controller = new ApiController(extensions::snapshot, () -> api, authenticator, policySource(settings),
                () -> quotas, extensions::restarting);
        cors = Cors.from(settings);
        maxBodySize = api.maxRequestBodySize();
    }

    static String newRequestId() {
        return "req-" + UUID.randomUUID();
    }

    /**
     * Neutron's pipeline: request id, CORS, catch errors, then the controller. Every method goes to
     * the controller, which answers 405 where a route does not take it (HEAD included, as Neutron).
     */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String requestId = newRequestId();
        ApiResponse answer;
        Map<String, String> corsHeaders = Map.of();
        try {
            Map<String, String> preflight = cors.preflight(req.getMethod(), req::getHeader);
            if (preflight != null) {
                answer = new ApiResponse(200, null, preflight);
            } else {
                corsHeaders = cors.actual(req.getHeader("Origin"));
                answer = bootGate.open() ? controller.handle(apiRequest(req), requestId) : STARTING;
            }
        } catch (NeutronException e) {
            answer = ApiResponse.error(e);
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure in the REST layer", e);
            answer = ApiResponse.internalError();
        }
        res.setStatus(answer.status());
        answer.headers().forEach(res::setHeader);
        corsHeaders.forEach(res::setHeader);
        res.setHeader(REQUEST_ID, requestId);
        if (answer.streamed()) {
            res.setContentType(JSON_TYPE);
            stream(answer.body(), res.getOutputStream());
            return;
        }
        byte[] body = json(answer);
        if (body != null) {
            res.setContentType(JSON_TYPE);
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
        } else if (answer.status() != 204) {
            res.setContentLength(0);
        }
    }

    /**
     * A list longer than a page, written as its pages are read, without a length. The status is sent
     * by then, so a failure while reading a later page can only cut the answer short: the exception
     * goes on to Jetty, which then closes the connection rather than end the body, and the client
     * sees a broken response, never a list that looks whole.
     */
    static void stream(Object body, OutputStream out) throws IOException {
        try {
            STREAMING.writeValue(out, body);
        } catch (IOException e) {
            LOG.warn("a list was cut short after its first pages were sent", e);
            throw e;
        }
    }

    static byte[] json(ApiResponse answer) {
        if (answer.body() == null) {
            return null;
        }
        try {
            return JSON.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            LOG.error("could not render an answer as JSON", e);
            return json(ApiResponse.internalError());
        }
    }

    private ApiRequest apiRequest(HttpServletRequest req) {
        byte[] body = readBody(req);
        Map<String, List<String>> headers = new HashMap<>();
        for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        return new ApiRequest(req.getMethod(), baseUrl(req.getScheme(), req.getServerName() + ":" + req.getServerPort(),
                req.getContextPath(), req::getHeader), path, QueryString.parse(req.getQueryString()), headers, body);
    }

    private byte[] readBody(HttpServletRequest req) {
        try (InputStream in = req.getInputStream()) {
            byte[] data = in.readNBytes(maxBodySize + 1);
            if (data.length > maxBodySize) {
                throw new NeutronException(413, "HTTPRequestEntityTooLarge", "Request is too large.");
            }
            return data;
        } catch (IOException e) {
            throw NeutronException.badRequest("The request body could not be read.");
        }
    }

    /**
     * The URL the client used, honouring a proxy's X-Forwarded-Proto and -Host (http_proxy_to_wsgi),
     * then the Host header, then the address the request came in on.
     */
    static String baseUrl(String scheme, String localAuthority, String contextPath, UnaryOperator<String> header) {
        String proto = first(header.apply("X-Forwarded-Proto"));
        String host = first(header.apply("X-Forwarded-Host"));
        String hostHeader = first(header.apply("Host"));
        String authority = host != null ? host : hostHeader != null ? hostHeader : localAuthority;
        String prefix = contextPath == null ? "" : contextPath.replaceAll("/+$", "");
        return (proto != null ? proto : scheme) + "://" + authority + prefix;
    }

    private static String first(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim();
    }
}
