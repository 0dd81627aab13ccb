package org.nucleon.internal.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.validation.Converter;
import org.nucleon.api.validation.Converters;
import org.nucleon.api.validation.Validator;
import org.nucleon.api.validation.Validators;
import org.nucleon.internal.registry.Route;

/**
 * Neutron's request body processing for create and update ({@code Controller.prepare_request_body}
 * and neutron-lib's {@code AttributeInfo}): envelope, project, unknown attributes, defaults,
 * required and read-only attributes, then conversion and validation, in Neutron's order.
 */
public final class BodyProcessor {
    static final String TENANT_ID = "tenant_id";
    static final String PROJECT_ID = "project_id";

    private BodyProcessor() {
    }

    /**
     * The resources a POST creates: one for a single body, several for a bulk body.
     *
     * @return the checked resources and whether the body was a bulk one
     */
    public static Prepared prepareCreate(RequestContext ctx, Route route, Object body, boolean allowBulk) {
        Map<?, ?> map = envelope(route, body);
        if (map.containsKey(route.collection())) {
            if (!allowBulk) {
                throw NeutronException.badRequest("Bulk operation not supported");
            }
            return new Prepared(bulkItems(map.get(route.collection())).stream()
                    .map(item -> prepare(ctx, route, bulkEnvelope(route, item), true)).toList(), true);
        }
        return new Prepared(List.of(prepare(ctx, route, map, true)), false);
    }

    /** The items of a bulk body, judged as Python iterates them in prepare_request_body. */
    private static List<?> bulkItems(Object items) {
        if (items == null || Boolean.FALSE.equals(items) || "".equals(items)
                || (items instanceof Number n && n.doubleValue() == 0)
                || (items instanceof List<?> l && l.isEmpty()) || (items instanceof Map<?, ?> m && m.isEmpty())) {
            throw NeutronException.badRequest("Resources required");
        }
        if (items instanceof List<?> l) {
            return l;
        }
        if (items instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (items instanceof String str) {
            return str.chars().mapToObj(c -> String.valueOf((char) c)).toList();
        }
        throw invalidData();
    }

    /** One bulk item as a single-resource body: a dict with the member key, or wrapped in one. */
    private static Map<?, ?> bulkEnvelope(Route route, Object item) {
        if (item instanceof Map<?, ?> m) {
            return m.containsKey(route.member()) ? m : Map.of(route.member(), m);
        }
        if (item instanceof String || item instanceof List<?>) {
            throw NeutronException.badRequest("Object '" + route.member() + "' contains invalid data");
        }
        throw invalidData();
    }
    /** The changes a PUT asks for. */
    public static Map<String, Object> prepareUpdate(RequestContext ctx, Route route, Object body) {
        Map<?, ?> map = envelope(route, body);
        if (map.containsKey(route.collection())) {
            throw NeutronException.badRequest("Bulk operation not supported");
        }
        return prepare(ctx, route, map, false);
    }

    /** The top-level JSON object; an absent body is an empty one. */
    private static Map<?, ?> envelope(Route route, Object body) {
        if (body == EMPTY_BODY) {
            return Map.of();
        }
        if (!(body instanceof Map<?, ?> map)) {
            throw invalidData();
        }
        return map;
    }

    /** Stands for a request without a body, which differs from a JSON {@code null} body. */
    public static final Object EMPTY_BODY = new Object();

    static NeutronException invalidData() {
        return NeutronException.badRequest("Body contains invalid data");
    }

    public record Prepared(List<Map<String, Object>> resources, boolean bulk) {
    }

    private static Map<String, Object> prepare(RequestContext ctx, Route route, Map<?, ?> envelope,
            boolean create) {
        Object inner = envelope.get(route.member());
        if (inner == null) {
            throw NeutronException.badRequest("Unable to find '" + route.member() + "' in request body");
        }
        if (!(inner instanceof Map<?, ?> raw)) {
            throw NeutronException.badRequest("Object '" + route.member() + "' contains invalid data");
        }
        Map<String, Object> res = new LinkedHashMap<>();
        raw.forEach((k, v) -> res.put(String.valueOf(k), v));
        Map<String, AttributeDefinition> attrs = route.attributes();
        if (attrs.containsKey(TENANT_ID)) {
            populateProject(ctx, res, create);
        }
        verifyAttributes(attrs, res);
        if (create) {
            fillPostDefaults(attrs, res);
        } else {
            for (AttributeDefinition a : attrs.values()) {
                if (res.containsKey(a.name()) && !a.allowPut()) {
                    throw NeutronException.badRequest("Cannot update read-only attribute " + a.name());
                }
            }
        }
        convertValues(attrs, res);
        return res;
    }

    /** neutron-lib's populate_project_info and populate_project_id. */
    private static void populateProject(RequestContext ctx, Map<String, Object> res, boolean create) {
        if (res.containsKey(TENANT_ID) && !res.containsKey(PROJECT_ID)) {
            res.put(PROJECT_ID, res.get(TENANT_ID));
        } else if (res.containsKey(PROJECT_ID) && !res.containsKey(TENANT_ID)) {
            res.put(TENANT_ID, res.get(PROJECT_ID));
        }
        if (!Objects.equals(res.get(PROJECT_ID), res.get(TENANT_ID))) {
            throw NeutronException.badRequest("'project_id' and 'tenant_id' do not match");
        }
        if (res.containsKey(TENANT_ID) && !Objects.equals(res.get(TENANT_ID), ctx.projectId()) && !ctx.admin()) {
            throw NeutronException.badRequest("Specifying 'project_id' or 'tenant_id' other than the authenticated "
                    + "project in request requires admin or advsvc privileges");
        }
        if (create && !res.containsKey(TENANT_ID)) {
            if (ctx.projectId() == null) {
                throw NeutronException.badRequest("Running without keystone AuthN requires that tenant_id is specified");
            }
            res.put(TENANT_ID, ctx.projectId());
            res.put(PROJECT_ID, ctx.projectId());
        }
    }

    private static void verifyAttributes(Map<String, AttributeDefinition> attrs, Map<String, Object> res) {
        TreeSet<String> extra = new TreeSet<>(res.keySet());
        extra.removeAll(attrs.keySet());
        if (!extra.isEmpty()) {
            throw NeutronException.badRequest("Unrecognized attribute(s) '" + String.join(", ", extra) + "'");
        }
    }

    private static void fillPostDefaults(Map<String, AttributeDefinition> attrs, Map<String, Object> res) {
        for (AttributeDefinition a : attrs.values()) {
            if (a.allowPost()) {
                if (!res.containsKey(a.name())) {
                    if (!a.hasDefault()) {
                        throw NeutronException.badRequest(
                                "Failed to parse request. Required attribute '" + a.name() + "' not specified");
                    }
                    if (a.defaultValue() != AttributeDefinition.NOT_SPECIFIED) {
                        res.put(a.name(), copyOf(a.defaultValue()));
                    }
                }
            } else if (res.containsKey(a.name())) {
                throw NeutronException.badRequest("Attribute '" + a.name() + "' not allowed in POST");
            }
        }
    }

    /** Defaults are shared definitions: hand the plugin its own copy of a list or dict. */
    private static Object copyOf(Object v) {
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (v instanceof Map<?, ?> m) {
            return new LinkedHashMap<>(m);
        }
        return v;
    }

    static void convertValues(Map<String, AttributeDefinition> attrs, Map<String, Object> res) {
        for (AttributeDefinition a : attrs.values()) {
            if (!res.containsKey(a.name())) {
                continue;
            }
            Object value = res.get(a.name());
            if (a.convertTo() != null) {
                value = converter(a.convertTo()).convert(value);
                res.put(a.name(), value);
            }
            for (AttributeDefinition.ValidatorSpec spec : a.validators()) {
                Validator v = Validators.get(spec.name());
                String reason = v == null ? null : v.validate(value, spec.argument());
                if (reason != null) {
                    throw NeutronException.badRequest(
                            "Invalid input for " + a.name() + ". Reason: " + reason + ".");
                }
            }
        }
    }

    static Converter converter(String name) {
        Converter c = Converters.get(name);
        if (c == null) {
            throw new IllegalStateException("no converter " + name);
        }
        return c;
    }
}
