package org.nucleon.ml2.rbac;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.nucleon.ml2.Ml2Fixture.body;
import static org.nucleon.ml2.Ml2Fixture.expect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.aries.jpa.template.TransactionType;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.api.rbac.RbacObjectType;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.api.rbac.RbacUsers;
import org.nucleon.ml2.Ml2Fixture;
import org.nucleon.ml2.TestJpa;

public class RbacPolicyHandlerTest {
    private static final RequestContext ADMIN = TestJpa.ADMIN;
    private final Ml2Fixture f = new Ml2Fixture();

    @After
    public void tearDown() {
        f.close();
    }

    private static RequestContext member(String project) {
        return new RequestContext(project, "u", List.of("member"), false, "req-test");
    }

    private Map<String, Object> policy(RequestContext context, String type, String objectId, String action,
            String target) {
        return f.rbac.create(context, body("object_type", type, "object_id", objectId, "action", action,
                "target_tenant", target, "tenant_id", context.projectId() == null ? "p1" : context.projectId()));
    }

    private Map<String, Object> share(String networkId, String target) {
        return policy(ADMIN, "network", networkId, "access_as_shared", target);
    }

    private List<Map<String, Object>> list(Object... filters) {
        Map<String, List<Object>> q = new java.util.HashMap<>();
        for (int i = 0; i < filters.length; i += 2) {
            q.put((String) filters[i], List.of(filters[i + 1]));
        }
        return f.rbac.list(ADMIN, new ListQuery(q, List.of(new SortKey("id", true)), 0, null, false));
    }

    private Map<String, Object> network(String id) {
        return f.networks.get(ADMIN, id);
    }

    private Map<String, Object> portOf(String project, String networkId) {
        return f.ports.create(member(project), body("network_id", networkId, "tenant_id", project, "name", "",
                "admin_state_up", true, "device_id", "", "device_owner", "", "binding:vnic_type", "normal",
                "extra_dhcp_opts", null, "security_groups", List.of()));
    }

    @Test
    public void createShowListUpdateDelete() {
        String net = f.network("n");
        Map<String, Object> p = policy(ADMIN, " Network ", net, "access_as_shared", "p2");
        String id = (String) p.get("id");
        assertEquals("network", p.get("object_type"));
        assertEquals(net, p.get("object_id"));
        assertEquals("p2", p.get("target_tenant"));
        assertEquals("fake_project_id", p.get("project_id"));
        assertEquals(p.get("project_id"), p.get("tenant_id"));
        assertEquals(p, f.rbac.get(ADMIN, id));
        assertEquals(List.of(id), list("object_id", net).stream().map(m -> m.get("id")).toList());
        assertEquals(List.of(), list("target_tenant", "p3"));

        assertEquals("p3", f.rbac.update(ADMIN, id, body("target_tenant", "p3")).get("target_tenant"));
        f.rbac.delete(ADMIN, id);
        expect("RbacPolicyNotFound", () -> f.rbac.get(ADMIN, id));
        assertEquals("RBAC policy of type unknown with ID " + id + " not found",
                expect("RbacPolicyNotFound", () -> f.rbac.delete(ADMIN, id)).getMessage());
    }

    @Test
    public void badRequestsChangeNothing() {
        String net = f.network("n");
        String pool = (String) f.pool("prefixes", List.of("10.0.0.0/8"), "ip_version", 4).get("id");
        assertEquals("Invalid input for operation: 'router' is not a valid RBAC object type.",
                expect("InvalidInput", () -> policy(ADMIN, "router", net, "access_as_shared", "p2")).getMessage());
        expect("InvalidInput", () -> policy(ADMIN, null, net, "access_as_shared", "p2"));
        assertEquals("Invalid action 'access_as_external' for object type 'subnetpool'. Valid actions: "
                + "('access_as_shared',)", expect("InvalidActionForType",
                        () -> policy(ADMIN, "subnetpool", pool, "access_as_external", "p2")).getMessage());
        expect("InvalidActionForType", () -> policy(ADMIN, "network", net, "access_as_everything", "p2"));
        String missing = "4d3e2f1a-0000-4000-8000-000000000000";
        assertEquals("Invalid input for operation: Network " + missing + " could not be found.",
                expect("InvalidInput", () -> share(missing, "p2")).getMessage());
        expect("InvalidInput", () -> policy(ADMIN, "address_scope", missing, "access_as_shared", "p2"));
        // the network is p1's
        assertEquals("Invalid input for operation: Only admins can manipulate policies on networks they do not "
                + "own.", expect("InvalidInput", () -> policy(member("p2"), "network", net, "access_as_shared",
                        "p2")).getMessage());
        assertEquals(List.of(), list());

        String id = (String) share(net, "p2").get("id");
        expect("DuplicateRbacPolicy", () -> share(net, "p2"));
        share(net, "p3");
        expect("DuplicateRbacPolicy", () -> f.rbac.update(ADMIN, id, body("target_tenant", "p3")));
        // another project's policy is not there for p2, as Neutron's scoped lookup answers
        expect("RbacPolicyNotFound", () -> f.rbac.update(member("p2"), id, body("target_tenant", "p4")));
        assertEquals("p2", f.rbac.get(ADMIN, id).get("target_tenant"));
    }

    @Test
    public void theOwnerSharesItsOwnNetwork() {
        String net = (String) f.networks.create(member("p1"), body("name", "n", "tenant_id", "p1",
                "admin_state_up", true)).get("id");
        assertEquals("p1", policy(member("p1"), "network", net, "access_as_shared", "p2").get("project_id"));
    }

    @Test
    public void sharedIsTheWildcardPolicy() {
        String net = (String) f.networks.create(ADMIN, body("name", "n", "tenant_id", "p1", "admin_state_up", true,
                "shared", true)).get("id");
        assertEquals(true, network(net).get("shared"));
        Map<String, Object> wildcard = list("object_id", net).get(0);
        assertEquals("*", wildcard.get("target_tenant"));
        assertEquals("access_as_shared", wildcard.get("action"));
        assertEquals("p1", wildcard.get("project_id"));

        f.rbac.delete(ADMIN, (String) wildcard.get("id"));
        assertEquals(false, network(net).get("shared"));
        share(net, "p2");
        assertEquals("a grant to another project is not shared with the admin's", false,
                network(net).get("shared"));
        share(net, "*");
        assertEquals(true, network(net).get("shared"));
        f.networks.update(ADMIN, net, body("shared", false));
        assertEquals(List.of("p2"), list("object_id", net).stream().map(m -> m.get("target_tenant")).toList());
        f.networks.update(ADMIN, net, body("shared", true));
        assertEquals(2, list("object_id", net).size());

        String other = f.network("other");
        assertEquals(List.of(net), ids(f.networks.list(ADMIN, filter("shared", true))));
        assertEquals(List.of(other), ids(f.networks.list(ADMIN, filter("shared", false))));
        f.networks.delete(ADMIN, net);
        assertEquals("a network's policies go with it", List.of(), list());
    }

    /** Neutron's is_shared_with_project and shared filter: a policy for the caller's project shares too. */
    @Test
    public void sharedIsTrueForTheProjectAPolicyTargets() {
        String net = f.network("n");
        String scope = (String) f.scopes.create(ADMIN, body("name", "s", "tenant_id", "p1", "ip_version", 4))
                .get("id");
        String pool = (String) f.pool("prefixes", List.of("10.0.0.0/8"), "ip_version", 4).get("id");
        share(net, "p2");
        policy(ADMIN, "address_scope", scope, "access_as_shared", "p2");
        policy(ADMIN, "subnetpool", pool, "access_as_shared", "p2");
        RequestContext p2 = member("p2");
        RequestContext p3 = member("p3");
        assertEquals(true, f.networks.get(p2, net).get("shared"));
        assertEquals(true, f.scopes.get(p2, scope).get("shared"));
        assertEquals(true, f.pools.get(p2, pool).get("shared"));
        assertEquals(false, network(net).get("shared"));
        assertEquals(false, f.pools.get(ADMIN, pool).get("shared"));
        assertEquals(true, f.networks.list(p2, ListQuery.all()).get(0).get("shared"));

        assertEquals(List.of(net), ids(f.networks.list(p2, filter("shared", true))));
        assertEquals(List.of(), ids(f.networks.list(p2, filter("shared", false))));
        assertEquals(List.of(scope), ids(f.scopes.list(p2, filter("shared", true))));
        assertEquals(List.of(pool), ids(f.pools.list(p2, filter("shared", true))));
        assertEquals(List.of(), ids(f.pools.list(p3, filter("shared", true))));
        assertEquals("an admin's shared filter is about its own project", List.of(),
                ids(f.networks.list(ADMIN, filter("shared", true))));
        assertEquals(List.of(net), ids(f.networks.list(ADMIN, filter("shared", false))));

        share(net, "*");
        assertEquals(true, f.networks.get(p3, net).get("shared"));
        assertEquals(List.of(net), ids(f.networks.list(p3, filter("shared", true))));
    }

    @Test
    public void routerExternalIsAnAccessAsExternalPolicy() {
        String net = (String) f.networks.create(ADMIN, body("name", "n", "tenant_id", "p1", "admin_state_up", true,
                "router:external", true)).get("id");
        assertEquals(true, network(net).get("router:external"));
        assertEquals("access_as_external", list("object_id", net).get(0).get("action"));
        assertEquals("*", list("object_id", net).get(0).get("target_tenant"));
        f.networks.update(ADMIN, net, body("router:external", false));
        assertEquals(false, network(net).get("router:external"));
        assertEquals(List.of(), list());

        // as Neutron: a grant of external access makes the network external, the last one going ends it
        String id = (String) policy(ADMIN, "network", net, "access_as_external", "p2").get("id");
        assertEquals(true, network(net).get("router:external"));
        assertEquals(false, network(net).get("shared"));
        assertEquals(List.of(net), ids(f.networks.list(ADMIN, filter("router:external", true))));
        f.rbac.delete(ADMIN, id);
        assertEquals(false, network(net).get("router:external"));
        assertEquals(List.of(), ids(f.networks.list(ADMIN, filter("router:external", true))));
    }

    @Test
    public void aGrantInUseCannotBeRevoked() {
        String net = f.network("n");
        String grant = (String) share(net, "p2").get("id");
        portOf("p2", net);
        assertEquals("RBAC policy on object " + net + " cannot be removed because other objects depend on it.\n"
                + "Details: project_id=p2", expect("RbacPolicyInUse", () -> f.rbac.delete(ADMIN, grant))
                        .getMessage());
        expect("RbacPolicyInUse", () -> f.rbac.update(ADMIN, grant, body("target_tenant", "p3")));
        assertEquals("p2", f.rbac.get(ADMIN, grant).get("target_tenant"));

        String wildcard = (String) share(net, "*").get("id");
        // the wildcard covers p2 now
        f.rbac.delete(ADMIN, grant);
        expect("RbacPolicyInUse", () -> f.rbac.delete(ADMIN, wildcard));
        assertEquals("Unable to reconfigure sharing settings for network " + net + ". Multiple tenants are using it.",
                expect("InvalidSharedSetting", () -> f.networks.update(ADMIN, net, body("shared", false)))
                        .getMessage());
        assertEquals(true, network(net).get("shared"));
        // p2's own grant covers it again
        share(net, "p2");
        f.networks.update(ADMIN, net, body("shared", false));
        assertEquals(false, network(net).get("shared"));
        // the owner's own policy never matters to its ports
        String own = (String) share(net, "p1").get("id");
        f.rbac.delete(ADMIN, own);
    }

    @Test
    public void unsharingAnUnusedNetworkIsFine() {
        String net = (String) f.networks.create(ADMIN, body("name", "n", "tenant_id", "p1", "admin_state_up", true,
                "shared", true)).get("id");
        portOf("p1", net);
        f.networks.update(ADMIN, net, body("shared", false));
        assertEquals(false, network(net).get("shared"));
    }

    @Test
    public void otherPluginsTellWhoUsesAnExternalNetwork() {
        String net = f.network("n");
        String grant = (String) policy(ADMIN, "network", net, "access_as_external", "p2").get("id");
        f.rbac.addUsers(new RbacUsers() {
            @Override
            public String objectType() {
                return "network";
            }

            @Override
            public Set<String> users(String objectId, String action) {
                return "access_as_external".equals(action) ? Set.of("p2") : Set.of();
            }
        });
        expect("RbacPolicyInUse", () -> f.rbac.delete(ADMIN, grant));
        policy(ADMIN, "network", net, "access_as_external", "*");
        f.rbac.delete(ADMIN, grant);
    }

    @Test
    public void sharedWithOneProjectIsUsableAndVisibleToItAlone() {
        String net = f.network("n");
        f.network("private");
        share(net, "p2");
        portOf("p2", net);
        expect("NetworkNotFound", () -> portOf("p3", net));
        f.subnets.create(member("p2"), f.subnetBody(net, 4, "tenant_id", "p2", "cidr", "10.0.0.0/24"));
        expect("NetworkNotFound", () -> f.subnets.create(member("p3"), f.subnetBody(net, 4, "tenant_id", "p3",
                "cidr", "10.0.1.0/24")));

        assertEquals(List.of(net), visibleNetworks(member("p2")));
        assertEquals(List.of(), visibleNetworks(member("p3")));
        share(net, "*");
        assertEquals(List.of(net), visibleNetworks(member("p3")));
        portOf("p3", net);
    }

    @Test
    public void externalNetworksAreVisibleToTheirTargets() {
        String net = f.network("n");
        policy(ADMIN, "network", net, "access_as_external", "p2");
        assertEquals(List.of(net), visibleNetworks(member("p2")));
        assertEquals(List.of(), visibleNetworks(member("p3")));
        expect("NetworkNotFound", () -> portOf("p2", net));
    }

    @Test
    public void poolsScopesAndGroupsAreSharedByPolicies() {
        String scope = (String) f.scopes.create(ADMIN, body("name", "s", "tenant_id", "p1", "ip_version", 4,
                "shared", true)).get("id");
        assertEquals(true, f.scopes.get(ADMIN, scope).get("shared"));
        assertEquals("AddressScopeUpdateError", expect("AddressScopeUpdateError",
                () -> f.scopes.update(ADMIN, scope, body("shared", false))).type());
        String pool = (String) f.pool("prefixes", List.of("10.0.0.0/8"), "ip_version", 4).get("id");
        assertEquals(false, f.pools.get(ADMIN, pool).get("shared"));
        String grant = (String) policy(ADMIN, "subnetpool", pool, "access_as_shared", "p2").get("id");
        String net = f.network("n");
        share(net, "p2");
        f.subnets.create(member("p2"), f.subnetBody(net, 4, "tenant_id", "p2", "subnetpool_id", pool,
                "prefixlen", 24));
        expect("RbacPolicyInUse", () -> f.rbac.delete(ADMIN, grant));
        policy(ADMIN, "subnetpool", pool, "access_as_shared", "*");
        assertEquals(true, f.pools.get(ADMIN, pool).get("shared"));
        assertEquals(List.of(pool), ids(f.pools.list(ADMIN, filter("shared", true))));
        f.rbac.delete(ADMIN, grant);
    }

    @Test
    public void aGroupSharedWithAProjectServesItsPorts() {
        String net = f.network("n");
        share(net, "*");
        f.subnet(net, 4, "cidr", "10.0.0.0/24");
        f.groups.ensureDefault(TestJpa.ADMIN, "p1");
        String group = (String) f.rbac.jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT g.id FROM SecurityGroupEntity g WHERE g.projectId = 'p1'", String.class).getSingleResult());
        Map<String, Object> port = body("network_id", net, "tenant_id", "p2", "name", "", "admin_state_up", true,
                "device_id", "", "device_owner", "", "binding:vnic_type", "normal", "extra_dhcp_opts", null,
                "security_groups", List.of(group));
        expect("SecurityGroupNotFound", () -> f.ports.create(member("p2"), port));
        String grant = (String) policy(ADMIN, "security_group", group, "access_as_shared", "p2").get("id");
        f.ports.create(member("p2"), port);
        expect("RbacPolicyInUse", () -> f.rbac.delete(ADMIN, grant));
    }

    /** A type another bundle publishes (the QoS plugin's) is valid while it is there; its users keep their grants. */
    @Test
    public void aTypeFromAnotherBundleComesAndGoesWithIt() {
        RbacObjectType qos = new RbacObjectType() {
            @Override
            public String objectType() {
                return "qos_policy";
            }

            @Override
            public Set<String> actions() {
                return Set.of("access_as_shared");
            }

            @Override
            public String owner(String objectId) {
                return "q1".equals(objectId) ? "p1" : null;
            }

            @Override
            public String notFoundMessage(String objectId) {
                return "QoS policy " + objectId + " could not be found";
            }

            @Override
            public Set<String> users(String objectId, String action) {
                return Set.of("p2");
            }
        };
        assertEquals("Invalid input for operation: 'qos_policy' is not a valid RBAC object type.",
                expect("InvalidInput", () -> policy(ADMIN, "qos_policy", "q1", "access_as_shared", "p2"))
                        .getMessage());
        f.rbac.addType(qos);
        String grant = (String) policy(ADMIN, "qos_policy", "q1", "access_as_shared", "p2").get("id");
        assertEquals("Invalid input for operation: QoS policy q2 could not be found.", expect("InvalidInput",
                () -> policy(ADMIN, "qos_policy", "q2", "access_as_shared", "p2")).getMessage());
        assertEquals("Invalid input for operation: Only admins can manipulate policies on objects they do not own.",
                expect("InvalidInput", () -> policy(member("p3"), "qos_policy", "q1", "access_as_shared", "p3"))
                        .getMessage());
        expect("RbacPolicyInUse", () -> f.rbac.delete(ADMIN, grant));
        assertEquals(Set.of("q1"), f.rbac.sharedWith(member("p2"), "qos_policy", null));
        assertEquals(Set.of(), f.rbac.sharedWith(member("p3"), "qos_policy", null));

        f.rbac.removeType(qos);
        expect("RbacPolicyNotFound", () -> f.rbac.get(ADMIN, grant));
        assertEquals(List.of(), list());
        f.rbac.addType(qos);
        assertEquals("its policies wait for its return", grant, f.rbac.get(ADMIN, grant).get("id"));
    }

    @Test
    public void flagsFromBeforeRbacBecomeTheOwnersWildcardPoliciesOnce() {
        String net = f.network("n");
        String pool = (String) f.pool("prefixes", List.of("10.0.0.0/8"), "ip_version", 4).get("id");
        f.rbac.jpa.tx(TransactionType.Required, em -> {
            em.createQuery("UPDATE NetworkEntity e SET e.legacyShared = TRUE, e.legacyRouterExternal = TRUE "
                    + "WHERE e.id = :id").setParameter("id", net).executeUpdate();
            em.createQuery("UPDATE SubnetPoolEntity e SET e.legacyShared = TRUE WHERE e.id = :id")
                    .setParameter("id", pool).executeUpdate();
        });
        LegacySharing.migrate(f.rbac.jpa, f.rbac);
        assertEquals(true, network(net).get("shared"));
        assertEquals(true, network(net).get("router:external"));
        assertEquals(true, f.pools.get(ADMIN, pool).get("shared"));
        assertEquals(network(net).get("tenant_id"), list("object_id", net).get(0).get("project_id"));

        f.networks.update(ADMIN, net, body("shared", false));
        LegacySharing.migrate(f.rbac.jpa, f.rbac);
        assertEquals("the marks were cleared: unsharing sticks", false, network(net).get("shared"));
        assertEquals(2, list().size());
    }

    /** The one read of a page's policies answers as a read per action and target would. */
    @Test
    public void showPoliciesAgreesWithTheReadsPerAction() {
        String everyone = f.network("everyone");
        String forP2 = f.network("for-p2");
        String external = f.network("external-to-p3");
        String none = f.network("none");
        share(everyone, "*");
        share(forP2, "p2");
        policy(ADMIN, "network", external, "access_as_external", "p3");
        RbacPolicies perAction = new RbacPolicies() {
            @Override
            public Set<String> withPolicy(String type, Collection<String> ids, String action, String target) {
                return f.rbac.withPolicy(type, ids, action, target);
            }

            @Override
            public Set<String> grantedTo(String type, String projectId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void setShared(RequestContext c, String type, String id, String owner, boolean shared) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void objectDeleted(String type, String id) {
                throw new UnsupportedOperationException();
            }
        };
        Map<String, String> anyExternal = Map.of("router:external", "access_as_external");
        for (RequestContext c : new RequestContext[] {ADMIN, member("p2"), member("p3"), null}) {
            List<Map<String, Object>> oneRead = views(everyone, forP2, external, none);
            List<Map<String, Object>> reads = views(everyone, forP2, external, none);
            f.rbac.showPolicies(c, "network", oneRead, anyExternal);
            perAction.showPolicies(c, "network", reads, anyExternal);
            assertEquals(reads, oneRead);
        }
        List<Map<String, Object>> p2 = views(everyone, forP2, external, none);
        f.rbac.showPolicies(member("p2"), "network", p2, anyExternal);
        assertEquals(List.of(true, true, false, false), p2.stream().map(v -> v.get("shared")).toList());
        assertEquals(List.of(false, false, true, false), p2.stream().map(v -> v.get("router:external")).toList());
    }

    /** A page longer than an IN list is read by its id range, which holds other types' policies too. */
    @Test
    public void aLongPageGetsEachNetworksOwnPolicies() {
        List<String> nets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            nets.add(f.network("n" + i));
        }
        Collections.sort(nets);
        Set<String> shared = new HashSet<>();
        for (int i = 0; i < nets.size(); i += 2) {
            share(nets.get(i), i % 4 == 0 ? "*" : "p2");
            shared.add(nets.get(i));
        }
        share(nets.get(1), "p3");
        for (int i = 0; i < 20; i++) {
            String scope = (String) f.scopes.create(ADMIN, body("name", "s" + i, "tenant_id", "p1", "ip_version", 4))
                    .get("id");
            policy(ADMIN, "address_scope", scope, "access_as_shared", "*");
        }
        List<Map<String, Object>> page = views(nets.toArray(String[]::new));
        f.rbac.showPolicies(member("p2"), "network", page, Map.of());
        assertEquals(nets.stream().map(shared::contains).toList(), page.stream().map(v -> v.get("shared")).toList());
        List<Map<String, Object>> forP3 = views(nets.subList(0, 70).toArray(String[]::new));
        f.rbac.showPolicies(member("p3"), "network", forP3, Map.of());
        assertEquals(List.of(true, true), List.of(forP3.get(0).get("shared"), forP3.get(1).get("shared")));
        assertEquals(List.of(false, false), List.of(forP3.get(2).get("shared"), forP3.get(3).get("shared")));
        assertEquals("every fourth for everyone, and the one for p3", 19,
                forP3.stream().filter(v -> (Boolean) v.get("shared")).count());
    }

    private static List<Map<String, Object>> views(String... ids) {
        return Arrays.stream(ids).map(id -> (Map<String, Object>) new HashMap<String, Object>(Map.of("id", id)))
                .toList();
    }

    private static ListQuery filter(String attribute, Object value) {
        return new ListQuery(Map.of(attribute, List.of(value)), List.of(new SortKey("id", true)), 0, null, false);
    }

    private static List<Object> ids(List<Map<String, Object>> views) {
        return views.stream().map(v -> v.get("id")).toList();
    }

    /** The networks of others a member (of a project owning none) sees in a list. */
    private List<Object> visibleNetworks(RequestContext context) {
        return ids(f.networks.list(context, ListQuery.all()));
    }
}
