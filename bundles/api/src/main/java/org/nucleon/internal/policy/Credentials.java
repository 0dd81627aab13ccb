package org.nucleon.internal.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;

/**
 * What policy checks compare with: Neutron's {@code context.to_policy_values()} (oslo.context's
 * values plus {@code tenant_id}, {@code is_admin} and the old aliases).
 */
public record Credentials(Map<String, Object> asMap) {
    public Credentials {
        asMap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(asMap));
    }

    public static Credentials of(RequestContext ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", ctx.userId());
        m.put("project_id", ctx.projectId());
        m.put("tenant_id", ctx.projectId());
        m.put("roles", ctx.roles());
        m.put("is_admin", ctx.admin());
        m.put("is_admin_project", true);
        m.put("user", ctx.userId());
        m.put("tenant", ctx.projectId());
        return new Credentials(m);
    }

    @SuppressWarnings("unchecked")
    public List<String> roles() {
        return asMap.get("roles") instanceof List<?> l ? (List<String>) l : List.of();
    }
}
