package org.nucleon.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed set of policy rules: Neutron's defaults, with an operator's file laid over them rule
 * by rule, as oslo.policy's Enforcer loads them. A rule that cannot be understood never passes
 * and is reported in {@link #problems()}, as oslo.policy logs it and uses a FalseCheck.
 */
public final class PolicyRules {
    /** oslo.policy's policy_default_rule: what a rule name that is not defined means. */
    static final String DEFAULT_RULE = "default";
    private static final String DEFAULTS_RESOURCE = "neutron-default-policy.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Check> rules;
    private final Map<String, String> sources;
    private final List<String> problems;

    private PolicyRules(Map<String, String> sources) {
        Map<String, Check> parsed = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        sources.forEach((name, rule) -> {
            try {
                parsed.put(name, RuleParser.parse(rule));
            } catch (IllegalArgumentException e) {
                found.add("policy rule \"" + name + "\": \"" + rule + "\" cannot be understood (" + e.getMessage()
                        + "); it never passes");
                parsed.put(name, new Check.False());
            }
        });
        parsed.forEach((name, check) -> undefined(check, parsed).forEach(missing -> found.add("policy rule \""
                + name + "\" refers to the undefined rule \"" + missing + "\"")));
        this.rules = Collections.unmodifiableMap(parsed);
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.problems = List.copyOf(found);
    }

    /** Neutron's defaults as the reference enforces them (see the resource's header). */
    public static PolicyRules defaults() {
        try (InputStream in = PolicyRules.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            return new PolicyRules(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled default policy cannot be read", e);
        }
    }

    /** These rules with those given replacing or adding rules of the same name. */
    public PolicyRules with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(sources);
        merged.putAll(overrides);
        return new PolicyRules(merged);
    }

    /**
     * A policy file's rules: a YAML (or JSON) mapping of rule name to rule string.
     *
     * @throws IOException when it is not such a mapping
     */
    public static Map<String, String> read(InputStream in) throws IOException {
        JsonNode root = YAML.readTree(in);
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new IOException("a policy file is a mapping of rule names to rules");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IOException("the rule \"" + e.getKey() + "\" is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** The rule of that name, the default rule for an undefined name, or null when neither is defined. */
    Check resolve(String name) {
        Check c = rules.get(name);
        return c != null ? c : rules.get(DEFAULT_RULE);
    }

    public boolean contains(String name) {
        return rules.containsKey(name);
    }

    /** The rule as written. */
    public String source(String name) {
        return sources.get(name);
    }

    public List<String> problems() {
        return problems;
    }

    private static List<String> undefined(Check check, Map<String, Check> defined) {
        List<String> out = new ArrayList<>();
        if (check instanceof Check.Rule r && !defined.containsKey(r.match)) {
            out.add(r.match);
        }
        check.children().forEach(c -> out.addAll(undefined(c, defined)));
        return out;
    }
}
