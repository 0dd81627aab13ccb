package org.nucleon.qos;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.qos.binding.TestBindings;
import org.nucleon.qos.policy.CoreResources;
import org.nucleon.qos.policy.PolicyHandler;
import org.nucleon.qos.rule.RuleHandler;
import org.nucleon.qos.rule.RuleType;

/** The QoS components on one in-memory database, with bodies as the REST layer hands them on. */
public final class QosFixture implements AutoCloseable {
    public static final RequestContext ADMIN = TestJpa.ADMIN;

    public final TestJpa jpa = new TestJpa();
    public final TestRbac rbac = new TestRbac();
    public final CoreResources core = new CoreResources();
    public final PolicyHandler policies = new PolicyHandler(jpa, rbac, core);
    public final TestBindings bindings = new TestBindings(jpa, rbac);

    public static RequestContext member(String project) {
        return new RequestContext(project, "u", List.of("member"), false, "req-test");
    }

    /** A converted policy body with Neutron's defaults, overridden by key/value pairs. */
    public static Map<String, Object> policyBody(Object... kv) {
        Map<String, Object> b = new HashMap<>(Map.of("name", "p", "description", "", "shared", false,
                "is_default", false, "tenant_id", "fake_project_id", "project_id", "fake_project_id"));
        for (int i = 0; i < kv.length; i += 2) {
            b.put((String) kv[i], kv[i + 1]);
        }
        return b;
    }

    public String policy(Object... kv) {
        return (String) policies.create(ADMIN, policyBody(kv)).get("id");
    }

    /** The handler the REST layer serves {@code /qos/policies/<policyId>/<type>_rules} with. */
    public ResourceHandler rules(RuleType type, String policyId) {
        return aliasRules(type).under(policyId);
    }

    /** The handler of the qos-rules-alias collection of a type. */
    public RuleHandler aliasRules(RuleType type) {
        return new RuleHandler(type, () -> jpa, rbac);
    }

    public static Map<String, Object> body(Object... kv) {
        Map<String, Object> b = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            b.put((String) kv[i], kv[i + 1]);
        }
        return b;
    }

    public static NeutronException expect(int status, String type, Runnable r) {
        try {
            r.run();
        } catch (NeutronException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertEquals(e.getMessage(), type, e.type());
            return e;
        }
        fail("expected " + type);
        return null;
    }

    @Override
    public void close() {
        jpa.close();
    }
}
