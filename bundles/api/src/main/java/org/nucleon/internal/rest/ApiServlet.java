package org.nucleon.internal.rest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.nucleon.api.quota.QuotaEngine;
import org.nucleon.internal.auth.KeystoneAuth;
import org.nucleon.internal.auth.KeystoneConfig;
import org.nucleon.internal.controller.ApiConfig;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.policy.PolicySource;
import org.nucleon.internal.registry.ExtensionManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * The Neutron API as one whiteboard servlet: Jersey with a single catch-all resource and
 * the pipeline (CORS, request id, catch errors) as filters. Settings come from the PID
 * {@code org.nucleon.api}; a change (auth_strategy included) restarts this component, never the
 * plugins. The policy file ({@code policy_file}) is read again whenever it changes, without a restart.
 */
@Component(service = Servlet.class, configurationPid = "org.nucleon.api", property = {
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=nucleon-api"})
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private transient ExtensionManager extensions;

    /** The quota extension's engine while its bundle runs; without it creates are not limited. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile QuotaEngine quotas;

    private transient Map<String, Object> settings;
    private transient ApiController.Authenticator authenticator;
    private transient ServletContainer jersey;

    @Activate
    void activate(Map<String, Object> properties) {
        this.authenticator = authenticator(properties);
        this.settings = properties;
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
        ApiConfig api = apiConfig(settings);
        ApiController controller = new ApiController(extensions::snapshot, () -> api, authenticator,
                policySource(settings), () -> quotas, extensions::restarting);
        Rendering rendering = new Rendering();
        ResourceConfig rc = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
                .property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
                .registerInstances(new ApiResource(controller, rendering, api.maxRequestBodySize()),
                        new RequestIdFilter(), new CorsFilter(CorsFilter.Policy.from(settings)),
                        new ErrorMapper(rendering));
        // Jersey looks its parts up through the context class loader; give it this bundle's.
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(ApiServlet.class.getClassLoader());
        try {
            jersey = new ServletContainer(rc);
            jersey.init(config);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    @Override
    public void service(ServletRequest req, ServletResponse res) throws ServletException, IOException {
        jersey.service(req, res);
    }

    @Override
    public void destroy() {
        if (jersey != null) {
            jersey.destroy();
        }
    }
}
