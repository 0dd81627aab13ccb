package org.nucleon.ml2.securitygroup;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.TestCallbacks;
import org.nucleon.ml2.TestJpa;
import org.nucleon.ml2.rbac.RbacPolicyHandler;
import org.nucleon.ml2.rbac.TestRbac;

/** The security group components wired to one in-memory database, and bodies as the REST layer hands them on. */
final class Fixture implements AutoCloseable {
    static final RequestContext ADMIN = TestJpa.ADMIN;

    final TestJpa jpa = new TestJpa();
    final SecurityGroups groups = new SecurityGroups();
    final SecurityGroupHandler groupHandler = new SecurityGroupHandler();
    final SecurityGroupRuleHandler ruleHandler = new SecurityGroupRuleHandler();

    final RbacPolicyHandler rbac = TestRbac.handler(jpa);
    final CallbackRegistry callbacks = TestCallbacks.registry();

    Fixture() {
        groups.jpa = jpa;
        groups.rbac = rbac;
        groups.callbacks = callbacks;
        groupHandler.jpa = jpa;
        groupHandler.groups = groups;
        groupHandler.rbac = rbac;
        groupHandler.callbacks = callbacks;
        ruleHandler.jpa = jpa;
        ruleHandler.groups = groups;
        ruleHandler.callbacks = callbacks;
    }

    static RequestContext member(String project) {
        return new RequestContext(project, "u", List.of("member"), false, "req-test");
    }

    /** Creates a group of the project and returns its id. */
    String group(String project, String name) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "description", "", "tenant_id", project,
                "project_id", project));
        return (String) groupHandler.create(ADMIN, body).get("id");
    }

    /** A converted rule body with Neutron's defaults, overridden by key/value pairs. */
    static Map<String, Object> rule(String groupId, Object... kv) {
        Map<String, Object> r = new HashMap<>();
        r.put("security_group_id", groupId);
        r.put("tenant_id", "p1");
        r.put("project_id", "p1");
        r.put("direction", "ingress");
        r.put("ethertype", "IPv4");
        r.put("description", "");
        for (String k : List.of("protocol", "port_range_min", "port_range_max", "remote_ip_prefix",
                "remote_group_id")) {
            r.put(k, null);
        }
        for (int i = 0; i < kv.length; i += 2) {
            r.put((String) kv[i], kv[i + 1]);
        }
        return r;
    }

    Map<String, Object> createRule(String groupId, Object... kv) {
        return ruleHandler.create(ADMIN, rule(groupId, kv));
    }

    /** Asserts the call fails with Neutron's status, type and message (unless null). */
    static void assertError(int status, String type, String message, Runnable call) {
        try {
            call.run();
            fail("expected " + type);
        } catch (NeutronException e) {
            assertEquals(type, e.type());
            if (message != null) {
                assertEquals(message, e.getMessage());
            }
            assertEquals(status, e.status());
        }
    }

    @Override
    public void close() {
        jpa.close();
    }
}
