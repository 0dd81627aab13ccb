package org.nucleon.extensions.quotas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Neutron's QuotaSetsController (and the detail one of quota_details) behind {@code /v2.0/quotas}:
 * any project id names that project's quota, defaults included. Reading another project's quota
 * and changing any need admin ({@code get_quota}, {@code update_quota}, {@code delete_quota} are
 * admin-only in Neutron's policy).
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=quotas")
public class QuotaSetsHandler implements ResourceHandler {
    static final String CHECK_LIMIT = "check_limit";
    static final String FORCE = "force";
    private static final String QUOTA = "quota";

    @Reference
    QuotaDriver driver;

    private static void enforce(RequestContext context, String rule) {
        if (!context.admin()) {
            throw new NeutronException(403, "PolicyNotAuthorized", "rule:" + rule + " is disallowed by policy");
        }
    }

    /** One's own quota is readable by anyone; another project's only by admin. */
    private static void mayRead(RequestContext context, String projectId) {
        if (!projectId.equals(context.projectId())) {
            enforce(context, "get_quota");
        }
    }

    /** Its checks above are Neutron's quotas controller's, not the generic get/update/delete rules. */
    @Override
    public boolean checksOwnPolicy() {
        return true;
    }

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        throw new NeutronException(501, "HTTPNotImplemented", "POST requests are not supported on this resource.");
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        mayRead(context, id);
        return driver.projectQuotas(id);
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        enforce(context, "get_quota");
        return driver.allQuotas();
    }

    /**
     * New limits, checked against what the project uses when {@code check_limit} is true
     * (quota-check-limit); {@code force}, its opposite, is the default and changes nothing.
     */
    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        enforce(context, "update_quota");
        Map<String, Object> body = new LinkedHashMap<>(changes);
        boolean checkLimit = Boolean.TRUE.equals(body.remove(CHECK_LIMIT));
        body.remove(FORCE);
        // the definitions name every quota resource Neutron has; only those served now are known
        TreeSet<String> unknown = new TreeSet<>(body.keySet());
        unknown.removeAll(driver.resources());
        if (!unknown.isEmpty()) {
            throw NeutronException.badRequest("Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
        }
        Map<String, Integer> limits = new LinkedHashMap<>();
        body.forEach((resource, limit) -> limits.put(resource, ((Number) limit).intValue()));
        if (checkLimit) {
            limits.forEach((resource, limit) -> {
                long usage = driver.usage(context, id, resource);
                if (limit >= 0 && usage > limit) {
                    throw NeutronException.badRequest("Quota limit " + limit + " for " + resource
                            + " must be greater than or equal to already used " + usage);
                }
            });
        }
        driver.updateLimits(id, limits);
        return driver.projectQuotas(id);
    }

    @Override
    public void delete(RequestContext context, String id) {
        enforce(context, "delete_quota");
        driver.deleteProjectQuotas(id);
    }

    /** {@code /quotas/{id}/default}, {@code /quotas/{id}/details}, and {@code /quotas/project} or {@code /tenant}. */
    @Override
    public Map<String, Object> action(RequestContext context, String id, String action, Map<String, Object> body) {
        if (id == null && (action.equals("project") || action.equals("tenant"))) {
            if (context.projectId() == null) {
                throw new NeutronException(400, "QuotaMissingTenant", "Tenant-id was missing from quota request.");
            }
            return Map.of(action, Map.of(action + "_id", context.projectId()));
        }
        if ("default".equals(action) && id != null) {
            mayRead(context, id);
            return Map.of(QUOTA, driver.defaultQuotas());
        }
        if ("details".equals(action) && id != null) {
            if (!id.equals(context.projectId()) && !context.admin()) {
                throw new NeutronException(403, "AdminRequired", "User does not have admin privileges: Only admin is "
                        + "authorized to access quotas for another tenant.");
            }
            return Map.of(QUOTA, driver.detailedQuotas(context, id));
        }
        return ResourceHandler.super.action(context, id, action, body);
    }
}
