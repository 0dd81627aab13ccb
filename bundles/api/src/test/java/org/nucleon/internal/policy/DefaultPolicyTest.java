package org.nucleon.internal.policy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.Route;
import org.nucleon.internal.registry.SnapshotBuilder;

/**
 * Neutron's default policy as the Debian reference enforces it, for an admin, the owner, another
 * project, shared and external networks, network owners and the advsvc role; the messages are
 * the reference's (checked against its neutron.policy with Zed's oslo.policy).
 */
public class DefaultPolicyTest {
    private static final List<String> ALIASES = List.of("network", "subnet", "port", "provider", "external-net",
            "binding", "allowed-address-pairs", "router", "security-group");
    private static final ApiSnapshot SNAPSHOT = snapshot();
    private static final RequestContext ADMIN = ctx("admin-project", true, "admin", "member", "reader");
    private static final RequestContext ALICE = ctx("project-a", false, "member", "reader");
    private static final RequestContext BOB = ctx("project-b", false, "member", "reader");
    private static final RequestContext ADVSVC = ctx("service", false, "advsvc");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Map<String, Map<String, Object>> networks = new HashMap<>();

    private static ApiSnapshot snapshot() {
        List<ExtensionDescriptor> ds = new ArrayList<>();
        ALIASES.forEach(a -> ds.add(ApiDefinitions.neutron().extension(a)));
        // routes need a handler; these tests only read their attribute maps
        ResourceHandler none = (ResourceHandler) Proxy.newProxyInstance(ResourceHandler.class.getClassLoader(),
                new Class<?>[] {ResourceHandler.class}, (proxy, method, args) -> null);
        Map<String, ResourceHandler> handlers = new HashMap<>();
        List.of("networks", "subnets", "ports", "routers", "security_groups").forEach(c -> handlers.put(c, none));
        return SnapshotBuilder.build(ds, Set.copyOf(ALIASES), handlers);
    }

    private static RequestContext ctx(String project, boolean admin, String... roles) {
        return new RequestContext(project, "user-of-" + project, List.of(roles), admin, "req-1");
    }

    private static Map<String, AttributeDefinition> attributes(String collection) {
        return SNAPSHOT.routes().stream().filter(r -> r.collection().equals(collection)).findFirst()
                .map(Route::attributes).orElseThrow();
    }

    private PolicyEnforcer enforcer(RequestContext ctx) {
        return enforcer(PolicyRules.defaults(), ctx);
    }

    private PolicyEnforcer enforcer(PolicyRules rules, RequestContext ctx) {
        return new PolicyEnforcer(rules, ctx, new Evaluation.Environment() {
            @Override
            public Map<String, Object> find(String member, String id) {
                return member.equals("network") ? networks.get(id) : null;
            }

            @Override
            public Object convert(String collection, String attribute, String value) {
                return attribute.equals("shared") || attribute.equals("router:external")
                        ? Boolean.valueOf(value.equalsIgnoreCase("true")) : value;
            }
        });
    }

    private static Map<String, Object> item(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> network(String project, boolean shared, boolean external) {
        return item("id", "n-" + project, "name", "net", "tenant_id", project, "project_id", project, "shared", shared,
                "router:external", external, "admin_state_up", true, "provider:network_type", "vxlan",
                "provider:physical_network", null, "provider:segmentation_id", 1001);
    }

    private static void refused(String message, Runnable r) {
        try {
            r.run();
            fail("expected PolicyNotAuthorized: " + message);
        } catch (NeutronException e) {
            assertEquals(403, e.status());
            assertEquals("PolicyNotAuthorized", e.type());
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    public void theDefaultsAreNeutronsAndComplete() {
        PolicyRules d = PolicyRules.defaults();
        assertEquals(List.of(), d.problems());
        assertEquals("role:admin", d.source("context_is_admin"));
        assertEquals("rule:admin_or_owner", d.source("default"));
        assertEquals("(rule:admin_only or role:member and project_id:%(project_id)s) or (rule:admin_or_owner)",
                d.source("update_network"));
        assertEquals("rule:admin_only", d.source("create_network:provider:network_type"));
    }

    @Test
    public void networksAreSeenByTheirOwnerAndWhenSharedOrExternal() {
        assertTrue(enforcer(ALICE).check("get_network", network("project-a", false, false)));
        assertFalse(enforcer(BOB).check("get_network", network("project-a", false, false)));
        assertTrue(enforcer(BOB).check("get_network", network("project-a", true, false)));
        assertTrue(enforcer(BOB).check("get_network", network("project-a", false, true)));
        assertTrue(enforcer(ADMIN).check("get_network", network("project-a", false, false)));
        assertTrue(enforcer(ADVSVC).check("get_network", network("project-a", false, false)));
    }

    @Test
    public void providerAttributesAreForAdminsOnly() {
        Map<String, Object> net = network("project-a", false, false);
        assertEquals(Set.of("provider:network_type", "provider:physical_network", "provider:segmentation_id"),
                enforcer(ALICE).hiddenAttributes("get_network", net));
        assertEquals(Set.of(), enforcer(ADMIN).hiddenAttributes("get_network", net));
        // get_network:router:external is open to everyone
        assertFalse(enforcer(BOB).hiddenAttributes("get_network", network("project-a", false, true))
                .contains("router:external"));
    }

    @Test
    public void onlyAdminsSetSharedExternalOrProviderAttributes() {
        Map<String, AttributeDefinition> attrs = attributes("networks");
        PolicyEnforcer alice = enforcer(ALICE);
        // the defaults (shared false, router:external false) do not count as set
        alice.enforce("create_network", item("name", "n", "tenant_id", "project-a", "project_id", "project-a",
                "shared", false, "router:external", false, "admin_state_up", true), attrs, null);
        refused("(rule:create_network and rule:create_network:shared) is disallowed by policy",
                () -> alice.enforce("create_network", item("tenant_id", "project-a", "project_id", "project-a",
                        "shared", true), attrs, null));
        // in the order of the merged attribute map, as Neutron's extension manager merges them
        refused("(((rule:create_network and rule:create_network:shared) and rule:create_network:router:external)"
                + " and rule:create_network:provider:network_type) is disallowed by policy",
                () -> alice.enforce("create_network", item("tenant_id", "project-a", "project_id", "project-a",
                        "shared", true, "router:external", true, "provider:network_type", "vlan"), attrs, null));
        enforcer(ADMIN).enforce("create_network", item("tenant_id", "project-a", "shared", true,
                "provider:network_type", "vlan"), attrs, null);
        Map<String, Object> target = network("project-a", false, false);
        target.put("shared", true);
        refused("(rule:update_network and rule:update_network:shared) is disallowed by policy",
                () -> alice.enforce("update_network", target, attrs, Set.of("shared")));
        // on update only the attributes the body names count, whatever their values
        alice.enforce("update_network", target, attrs, Set.of("name"));
    }

    @Test
    public void othersNeitherChangeNorDeleteAProjectsNetwork() {
        Map<String, AttributeDefinition> attrs = attributes("networks");
        Map<String, Object> shared = network("project-a", true, false);
        refused("rule:update_network is disallowed by policy",
                () -> enforcer(BOB).enforce("update_network", shared, attrs, Set.of("name")));
        refused("rule:delete_network is disallowed by policy",
                () -> enforcer(BOB).enforce("delete_network", shared, attrs, null));
        enforcer(ALICE).enforce("delete_network", shared, attrs, null);
        enforcer(ADMIN).enforce("delete_network", shared, attrs, null);
    }

    @Test
    public void networkOwnersActOnTheirNetworksPorts() {
        networks.put("n-a", network("project-a", false, false));
        Map<String, AttributeDefinition> attrs = attributes("ports");
        Map<String, Object> bobsPort = item("id", "p1", "network_id", "n-a", "tenant_id", "project-b",
                "project_id", "project-b", "device_owner", "", "binding:host_id", "host1");
        assertTrue(enforcer(ALICE).check("get_port", bobsPort));
        assertTrue(enforcer(BOB).check("get_port", bobsPort));
        assertFalse(enforcer(ctx("project-c", false, "member", "reader")).check("get_port", bobsPort));
        assertTrue(enforcer(ADVSVC).check("get_port", bobsPort));
        assertTrue(enforcer(ALICE).hiddenAttributes("get_port", bobsPort).contains("binding:host_id"));
        // a network:* device owner is for the network's owner, admins and advanced services
        Map<String, Object> dhcp = item("network_id", "n-a", "tenant_id", "project-b", "project_id", "project-b",
                "device_owner", "network:dhcp");
        refused("(rule:create_port and rule:create_port:device_owner) is disallowed by policy",
                () -> enforcer(BOB).enforce("create_port", dhcp, attrs, null));
        Map<String, Object> alicesDhcp = new LinkedHashMap<>(dhcp);
        alicesDhcp.put("tenant_id", "project-a");
        alicesDhcp.put("project_id", "project-a");
        enforcer(ALICE).enforce("create_port", alicesDhcp, attrs, null);
        assertTrue(enforcer(ADVSVC).advsvc());
        assertFalse(enforcer(ALICE).advsvc());
        enforcer(ADVSVC).enforce("update_port", bobsPort, attrs, Set.of("device_owner"));
        refused("(rule:create_port and rule:create_port:binding:host_id) is disallowed by policy",
                () -> enforcer(ALICE).enforce("create_port", item("network_id", "n-a", "tenant_id", "project-a",
                        "project_id", "project-a", "binding:host_id", "h1"), attrs, null));
        // fixed_ips: the list's sub-attributes have rules of their own
        refused("(rule:create_port and (rule:create_port:fixed_ips and (rule:create_port:fixed_ips:ip_address)))"
                + " is disallowed by policy", () -> enforcer(BOB).enforce("create_port", item("network_id", "n-a",
                        "tenant_id", "project-b", "project_id", "project-b", "fixed_ips",
                        List.of(item("ip_address", "10.0.0.5"))), attrs, null));
    }

    @Test
    public void subnetsOfSharedNetworksAreSeenByAll() {
        networks.put("n-s", network("project-a", true, false));
        networks.put("n-p", network("project-a", false, false));
        assertTrue(enforcer(BOB).check("get_subnet", item("network_id", "n-s", "tenant_id", "project-a")));
        assertFalse(enforcer(BOB).check("get_subnet", item("network_id", "n-p", "tenant_id", "project-a")));
        assertTrue(enforcer(ALICE).check("get_subnet", item("network_id", "n-p", "tenant_id", "project-a")));
    }

    @Test
    public void routersAreTheirProjectsAndTheirActionsToo() {
        Map<String, Object> router = item("id", "r1", "tenant_id", "project-a", "project_id", "project-a");
        assertTrue(enforcer(ALICE).check("add_router_interface", router));
        assertFalse(enforcer(BOB).check("add_router_interface", router));
        assertFalse(enforcer(BOB).check("get_router", router));
    }

    @Test
    public void aPolicyFileOverridesRulesAndIsReadAgainWhenItChanges() throws IOException {
        Path file = tmp.getRoot().toPath().resolve("policy.yaml");
        PolicySource source = new PolicySource(file);
        assertEquals("rule:admin_or_owner", source.get().source("default"));
        assertNull(source.error());
        write(file, "# only admins create networks\n\"create_network\": \"rule:admin_only\"\n", 1000);
        assertEquals("rule:admin_only", source.get().source("create_network"));
        refused("rule:create_network is disallowed by policy", () -> enforcer(source.get(), ALICE)
                .enforce("create_network", item("tenant_id", "project-a"), attributes("networks"), null));
        write(file, "get_network: \"@\"\n", 2000);
        assertTrue(source.get().source("create_network").startsWith("(rule:admin_only or role:member"));
        assertTrue(enforcer(source.get(), BOB).check("get_network", network("project-a", false, false)));
        Files.delete(file);
        assertFalse("without the file the defaults are back",
                enforcer(source.get(), BOB).check("get_network", network("project-a", false, false)));
    }

    @Test
    public void aBadPolicyFileIsReportedAndLeavesThePolicyAsItWas() throws IOException {
        Path file = tmp.getRoot().toPath().resolve("policy.yaml");
        write(file, "get_network: \"@\"\n", 1000);
        PolicySource source = new PolicySource(file);
        assertTrue(enforcer(source.get(), BOB).check("get_network", network("project-a", false, false)));
        write(file, "get_network: [\"unclosed\n", 2000);
        assertTrue("the last good rules stay", enforcer(source.get(), BOB).check("get_network",
                network("project-a", false, false)));
        assertTrue(source.error(), source.error().contains("cannot be read"));
        write(file, "- a list\n- of rules\n", 3000);
        assertTrue(source.error(), source.error().contains("mapping"));
        write(file, "get_network: 5\n", 4000);
        assertTrue(source.error(), source.error().contains("\"get_network\" is not a string"));
    }

    @Test
    public void aRuleThatCannotBeUnderstoodIsReportedAndNeverPasses() {
        PolicyRules rules = PolicyRules.defaults().with(Map.of("get_network", "role:reader or (", "create_network",
                "rule:no_such_thing"));
        assertEquals(2, rules.problems().size());
        assertTrue(rules.problems().get(0), rules.problems().get(0).contains("\"get_network\""));
        assertTrue(rules.problems().get(1), rules.problems().get(1).contains("undefined rule \"no_such_thing\""));
        assertFalse(enforcer(rules, ALICE).check("get_network", network("project-a", false, false)));
        assertTrue("admins pass whatever the rules", enforcer(rules, ADMIN).check("get_network",
                network("project-a", false, false)));
    }

    private static void write(Path file, String content, long time) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(time));
    }
}
