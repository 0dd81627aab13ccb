package org.nucleon.internal.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.AttributeDefinition;

/**
 * Neutron's use of the rules ({@code neutron/policy.py}) for one caller and one request: an
 * action's rule and, on create and update, the rules of the attributes the body sets; field
 * visibility by {@code get_<member>:<attribute>} rules. An admin context passes everything, as
 * Neutron does while the deprecated defaults are enforced.
 */
public final class PolicyEnforcer {
    private final RequestContext context;
    private final PolicyRules rules;
    private final Evaluation evaluation;

    public PolicyEnforcer(PolicyRules rules, RequestContext context, Evaluation.Environment environment) {
        this.context = context;
        this.rules = rules;
        this.evaluation = new Evaluation(rules, Credentials.of(context), environment);
    }

    public boolean admin() {
        return context.admin();
    }

    /** Neutron's is_advsvc: the {@code context_is_advsvc} rule passes (advanced services see every project's ports). */
    public boolean advsvc() {
        return evaluation.test(new Check.Rule("context_is_advsvc"), new LinkedHashMap<>());
    }

    /**
     * Neutron's policy.enforce: 403 PolicyNotAuthorized, naming the rules checked, unless the
     * action and the rules of the attributes set pass.
     *
     * @param attributes the collection's attribute map
     * @param updated    the attributes an update sets, or null on other actions
     */
    public void enforce(String action, Map<String, Object> target, Map<String, AttributeDefinition> attributes,
            Set<String> updated) {
        if (admin()) {
            return;
        }
        Check rule = matchRule(action, target, attributes, updated);
        if (!evaluation.test(rule, new LinkedHashMap<>(target))) {
            throw new NeutronException(403, "PolicyNotAuthorized", rule + " is disallowed by policy");
        }
    }

    /** Neutron's policy.check: whether the action's rule passes (no attribute rules: get and delete). */
    public boolean check(String action, Map<String, Object> target) {
        return admin() || evaluation.test(new Check.Rule(action), new LinkedHashMap<>(target));
    }

    /**
     * The attributes of an item the caller may not see: those whose {@code <show action>:<attr>}
     * rule exists and fails ({@code project_id} goes with {@code tenant_id}), as Neutron's
     * {@code _exclude_attributes_by_policy}.
     */
    public Set<String> hiddenAttributes(String showAction, Map<String, Object> item) {
        if (admin()) {
            return Set.of();
        }
        Set<String> hidden = new LinkedHashSet<>();
        Map<String, Object> target = null;
        for (String attr : item.keySet()) {
            String name = showAction + ":" + attr;
            if (!rules.contains(name)) {
                continue;
            }
            if (target == null) {
                target = new LinkedHashMap<>(item);
            }
            if (!evaluation.test(new Check.Rule(name), target)) {
                hidden.add(attr);
                if (attr.equals("tenant_id")) {
                    hidden.add("project_id");
                }
            }
        }
        return hidden;
    }

    /** Neutron's _build_match_rule. */
    static Check matchRule(String action, Map<String, Object> target, Map<String, AttributeDefinition> attributes,
            Set<String> updated) {
        Check match = new Check.Rule(action);
        String verb = action.split(":", 2)[0].split("_", 2)[0];
        if (verb.equals("get") || verb.equals("delete")) {
            return match;
        }
        for (AttributeDefinition a : attributes.values()) {
            if (!a.enforcePolicy() || !explicitlySet(a, target, updated)) {
                continue;
            }
            String name = action + ":" + a.name();
            Check attrRule = new Check.Rule(name);
            Object value = target.get(a.name());
            Map<?, ?> spec = dictSpec(a);
            if (spec != null && value instanceof Map<?, ?> dict) {
                List<Check> sub = new ArrayList<>();
                spec.keySet().forEach(k -> {
                    if (dict.containsKey(k)) {
                        sub.add(new Check.Rule(name + ":" + k));
                    }
                });
                attrRule = new Check.And(List.of(attrRule, new Check.And(sub)));
            }
            if (value instanceof List<?> list) {
                List<Check> sub = new ArrayList<>();
                list.forEach(item -> {
                    if (item instanceof Map<?, ?> m) {
                        m.keySet().forEach(k -> sub.add(new Check.Rule(name + ":" + k)));
                    }
                });
                if (!sub.isEmpty()) {
                    attrRule = new Check.And(List.of(attrRule, new Check.And(sub)));
                }
            }
            match = new Check.And(List.of(match, attrRule));
        }
        return match;
    }

    /** Neutron's _is_attribute_explicitly_set: on update, named in the body; on create, set and not the default. */
    private static boolean explicitlySet(AttributeDefinition a, Map<String, Object> target, Set<String> updated) {
        if (!target.containsKey(a.name()) || target.get(a.name()) == AttributeDefinition.NOT_SPECIFIED) {
            return false;
        }
        if (updated != null) {
            return updated.contains(a.name());
        }
        return !a.hasDefault() || !sameValue(target.get(a.name()), a.defaultValue());
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.toString().equals(y.toString()) || x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    /** The sub-attribute map of a {@code type:dict...} validator, as _build_subattr_match_rule reads it. */
    private static Map<?, ?> dictSpec(AttributeDefinition a) {
        for (AttributeDefinition.ValidatorSpec v : a.validators()) {
            if (v.name().startsWith("type:dict") && v.argument() instanceof Map<?, ?> m) {
                return m;
            }
        }
        return null;
    }
}
