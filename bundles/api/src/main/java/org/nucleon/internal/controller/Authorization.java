package org.nucleon.internal.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.internal.policy.Evaluation;
import org.nucleon.internal.policy.PolicyEnforcer;
import org.nucleon.internal.policy.PolicyRules;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.Route;

/**
 * The policy checks of one request on one collection, in the places Neutron's
 * {@code api/v2/base.py} makes them: an item the caller may not see is 404, one it sees but may
 * not change is 403 PolicyNotAuthorized, and attributes hidden by {@code get_<member>:<attr>}
 * rules leave every response. What the database shows a caller is narrowed before (the handlers'
 * visibility); these checks are the policy on top.
 */
final class Authorization {
    private final ApiSnapshot snapshot;
    private final Route route;
    private final RequestContext context;
    private final PolicyEnforcer enforcer;
    private final boolean enforced;

    /** @param enforced false for a handler that makes its own policy checks: then none are made here */
    Authorization(ApiSnapshot snapshot, Route route, RequestContext context, PolicyRules rules, boolean enforced) {
        this.snapshot = snapshot;
        this.route = route;
        this.context = context;
        this.enforcer = new PolicyEnforcer(rules, context, new Lookups());
        this.enforced = enforced;
    }

    /** Whether every check passes: an admin caller, or a handler checking for itself. */
    boolean admin() {
        return !enforced || enforcer.admin();
    }

    /** Neutron's action names: {@code get_network}, and for a sub-resource {@code get_policy_bandwidth_limit_rule}. */
    String action(String verb) {
        return verb + "_" + (route.parentMember() == null ? "" : route.parentMember() + "_") + route.member();
    }

    /** Each item of a create, after Neutron's check that ports and subnets go on a network the project may use. */
    void create(List<Map<String, Object>> items, String parentId) {
        if (admin()) {
            return;
        }
        for (Map<String, Object> item : items) {
            checkNetworkOwnership(item);
            enforcer.enforce(action("create"), target(item, parentId), route.attributes(), null);
        }
    }

    /**
     * Neutron's _validate_network_tenant_ownership, as far as the API layer can tell: a port or
     * subnet on a network the caller cannot see is NetworkNotFound. Whether a visible network is
     * the caller's to use (its own, or shared with it) is the plugin's check, which knows the RBAC
     * policies and answers NetworkNotFound too.
     */
    private void checkNetworkOwnership(Map<String, Object> item) {
        if (!(route.member().equals("port") || route.member().equals("subnet")) || enforcer.advsvc()
                || !(item.get("network_id") instanceof String networkId)) {
            return;
        }
        Route networks = memberRoute("network");
        if (networks != null) {
            networks.handler().get(context, networkId);
        }
    }

    /** A shown item without what the caller may not see; 404 when it may not see the item. */
    Map<String, Object> show(Map<String, Object> item, String parentId) {
        if (admin()) {
            return item;
        }
        Map<String, Object> target = target(item, parentId);
        if (!enforcer.check(action("get"), target)) {
            throw NeutronException.httpNotFound();
        }
        return strip(item);
    }

    /** The listed items the caller may see, without what it may not see of them. */
    List<Map<String, Object>> list(List<Map<String, Object>> items, String parentId) {
        if (admin()) {
            return items;
        }
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) {
            if (enforcer.check(action("get"), target(item, parentId))) {
                out.add(strip(item));
            }
        }
        return out;
    }

    /** An item the caller created or changed, as it may see it. */
    Map<String, Object> result(Map<String, Object> item) {
        return admin() ? item : strip(item);
    }

    /** An update of the original item: 403 when refused, 404 when the caller may not even see it. */
    void update(Map<String, Object> original, Map<String, Object> changes, String parentId) {
        Map<String, Object> target = target(original, parentId);
        target.putAll(changes);
        refusedUnlessVisible(() -> enforcer.enforce(action("update"), target, route.attributes(), changes.keySet()),
                target);
    }

    void delete(Map<String, Object> original, String parentId) {
        Map<String, Object> target = target(original, parentId);
        refusedUnlessVisible(() -> enforcer.enforce(action("delete"), target, route.attributes(), null), target);
    }

    /** A member action ({@code add_router_interface}) on an item the caller sees: 404 unless it may see it, then 403. */
    void action(String name, Map<String, Object> item, String parentId) {
        show(item, parentId);
        enforcer.enforce(name, target(item, parentId), route.attributes(), null);
    }

    private void refusedUnlessVisible(Runnable enforce, Map<String, Object> target) {
        try {
            enforce.run();
        } catch (NeutronException e) {
            if (e.status() == 403 && !enforcer.check(action("get"), target)) {
                throw NeutronException.httpNotFound();
            }
            throw e;
        }
    }

    private Map<String, Object> strip(Map<String, Object> item) {
        Set<String> hidden = enforcer.hiddenAttributes(action("get"), item);
        if (hidden.isEmpty()) {
            return item;
        }
        Map<String, Object> out = new LinkedHashMap<>(item);
        out.keySet().removeAll(hidden);
        return out;
    }

    /**
     * What rules see: the item, its project under both names (as Neutron populates them) and,
     * under a parent, the parent's id ({@code policy_id}).
     */
    private Map<String, Object> target(Map<String, Object> item, String parentId) {
        Map<String, Object> t = new LinkedHashMap<>(item);
        if (t.containsKey("tenant_id")) {
            t.putIfAbsent("project_id", t.get("tenant_id"));
        } else if (t.containsKey("project_id")) {
            t.put("tenant_id", t.get("project_id"));
        }
        if (parentId != null && route.parentMember() != null) {
            t.putIfAbsent(route.parentMember() + "_id", parentId);
        }
        return t;
    }

    private Route memberRoute(String member) {
        return snapshot.routes().stream().filter(r -> r.member().equals(member) && r.parentMember() == null
                && r.handler() != null).findFirst().orElse(null);
    }

    /** Parent resources as an admin sees them, and values converted as the attribute map says. */
    private final class Lookups implements Evaluation.Environment {
        @Override
        public Map<String, Object> find(String member, String id) {
            Route r = memberRoute(member);
            if (r == null) {
                return null;
            }
            try {
                return r.handler().get(new RequestContext(context.projectId(), context.userId(), List.of("admin"),
                        true, context.requestId()), id);
            } catch (NeutronException e) {
                return null;
            }
        }

        @Override
        public Object convert(String collection, String attribute, String value) {
            Route r = snapshot.routes().stream().filter(x -> x.collection().equals(collection)).findFirst()
                    .orElse(null);
            AttributeDefinition a = r == null ? null : r.attributes().get(attribute);
            if (a == null || a.convertTo() == null) {
                return value;
            }
            try {
                return BodyProcessor.converter(a.convertTo()).convert(value);
            } catch (NeutronException e) {
                return value;
            }
        }
    }
}
