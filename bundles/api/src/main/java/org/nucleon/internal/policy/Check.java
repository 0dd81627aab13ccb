package org.nucleon.internal.policy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One node of a parsed policy rule, as oslo.policy's {@code _checks} and Neutron's own checks
 * ({@code neutron/policy.py}: OwnerCheck for {@code tenant_id}, FieldCheck for {@code field}).
 * {@link #toString()} renders as oslo.policy does, because PolicyNotAuthorized messages quote it.
 */
public abstract class Check {
    private static final Pattern SUBSTITUTION = Pattern.compile("%\\(([^)]*)\\)s");

    /** Whether the check passes for this target; the target may gain looked-up parent fields. */
    abstract boolean test(Map<String, Object> target, Evaluation ev);

    /** The rules an evaluation goes through, for policy-file diagnostics. */
    List<Check> children() {
        return List.of();
    }

    /** {@code @} or an empty rule. */
    static final class True extends Check {
        @Override
        boolean test(Map<String, Object> target, Evaluation ev) {
            return true;
        }

        @Override
        public String toString() {
            return "@";
        }
    }

    /** {@code !}, and what a rule that cannot be understood becomes (oslo.policy's choice). */
    static final class False extends Check {
        @Override
        boolean test(Map<String, Object> target, Evaluation ev) {
            return false;
        }

        @Override
        public String toString() {
            return "!";
        }
    }

    static final class Not extends Check {
        final Check rule;

        Not(Check rule) {
            this.rule = rule;
        }

        @Override
        boolean test(Map<String, Object> target, Evaluation ev) {
            return !rule.test(target, ev);
        }

        @Override
        List<Check> children() {
            return List.of(rule);
        }

        @Override
        public String toString() {
            return "not " + rule;
        }
    }

    /** {@code and} or {@code or} of several rules, evaluated left to right until the outcome is known. */
    abstract static class Junction extends Check {
        final List<Check> rules;
        private final boolean stopOn;
        private final String word;

        Junction(List<Check> rules, boolean stopOn, String word) {
            this.rules = List.copyOf(rules);
            this.stopOn = stopOn;
            this.word = word;
        }

        @Override
        boolean test(Map<String, Object> target, Evaluation ev) {
            for (Check c : rules) {
                if (c.test(target, ev) == stopOn) {
                    return stopOn;
                }
            }
            return !stopOn;
        }

        @Override
        List<Check> children() {
            return rules;
        }

        @Override
        public String toString() {
            return rules.stream().map(Object::toString).collect(Collectors.joining(" " + word + " ", "(", ")"));
        }
    }

    static final class And extends Junction {
        And(List<Check> rules) {
            super(rules, false, "and");
        }
    }

    static final class Or extends Junction {
        Or(List<Check> rules) {
            super(rules, true, "or");
        }
    }

    /** A {@code kind:match} leaf. */
    abstract static class Leaf extends Check {
        final String kind;
        final String match;

        Leaf(String kind, String match) {
            this.kind = kind;
            this.match = match;
        }

        @Override
        public String toString() {
            return kind + ":" + match;
        }
    }

    /** {@code rule:name}: another rule; a missing one is the default rule, as oslo.policy's Rules. */
    static final class Rule extends Leaf {
        Rule(String name) {
            super("rule", name);
        }

        @Override
        boolean test(Map<String, Object> target, Evaluation ev) {
            Check c = ev.rules().resolve(match);
            if (c == null || !ev.descend()) {
                return false;
            }
            try {
                return c.test(target, ev);
            } finally {
                ev.ascend();
            }
        }
    }

    /** {@code role:name}: the caller has the role (case-insensitive); the name may be substituted. */
    static final class Role extends Leaf {
        Role(String match) {
            super("role", match);
        }

        @Override
        boolean test(Map<String, Object> target, Evaluation ev) {
            String role = substitute(match, target);
            return role != null && ev.credentials().roles().stream().anyMatch(r -> r.equalsIgnoreCase(role));
        }
    }

    /**
     * oslo.policy's GenericCheck: the substituted match equals the credential named by kind (a
     * dotted path), or kind is a literal ({@code True}, {@code 'x'}, {@code 5}) equal to it.
     */
    static final class Generic extends Leaf {
        Generic(String kind, String match) {
            super(kind, match);
        }

        @Override
        boolean test(Map<String, Object> target, Evaluation ev) {
            String value = substitute(match, target);
            if (value == null) {
                return false;
            }
            String literal = literal(kind);
            if (literal != null) {
                return value.equals(literal);
            }
            return find(ev.credentials().asMap(), List.of(kind.split("\\.")), value);
        }

        private static boolean find(Object current, List<String> path, String value) {
            if (path.isEmpty()) {
                return value.equals(pyStr(current));
            }
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(path.get(0))) {
                return false;
            }
            Object next = m.get(path.get(0));
            List<String> rest = path.subList(1, path.size());
            if (next instanceof List<?> list) {
                return list.stream().anyMatch(v -> find(v, rest, value));
            }
            return find(next, rest, value);
        }

        /** Python's str() of ast.literal_eval(kind), or null when kind is no literal. */
        private static String literal(String kind) {
            if (kind.equals("True") || kind.equals("False") || kind.equals("None")) {
                return kind;
            }
            if (kind.length() >= 2 && (kind.startsWith("'") && kind.endsWith("'")
                    || kind.startsWith("\"") && kind.endsWith("\""))) {
                return kind.substring(1, kind.length() - 1);
            }
            try {
                return String.valueOf(Long.parseLong(kind));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * Neutron's OwnerCheck ({@code tenant_id:%(field)s}): the caller's project owns the target,
     * or, for {@code %(network:tenant_id)s}, the target's parent found through its foreign key.
     */
    static final class Owner extends Leaf {
        /** Parent collection to the target attribute naming it, as Neutron's _RESOURCE_FOREIGN_KEYS. */
        static final Map<String, String> FOREIGN_KEYS = Map.of("networks", "network_id",
                "security_groups", "security_group_id");
        final String targetField;

        Owner(String kind, String match) {
            super(kind, match);
            Matcher m = Pattern.compile("^%\\((.*)\\)s$").matcher(match);
            if (!m.matches()) {
                throw new IllegalArgumentException("Unable to identify a target field from:" + match
                        + ". Match should be in the form %(<field_name>)s");
            }
            this.targetField = m.group(1);
        }

        @Override
        boolean test(Map<String, Object> target, Evaluation ev) {
            if (!target.containsKey(targetField)) {
                int sep = targetField.indexOf(':') >= 0 ? targetField.indexOf(':') : targetField.indexOf('_');
                if (sep < 0) {
                    return false;
                }
                String parent = targetField.substring(0, sep);
                String foreignKey = FOREIGN_KEYS.get(parent + "s");
                if (foreignKey == null || !(target.get(foreignKey) instanceof String id)) {
                    return false;
                }
                Map<String, Object> found = ev.parent(parent, id);
                if (found == null) {
                    return false;
                }
                target.put(targetField, found.get(targetField.substring(sep + 1)));
            }
            Object cred = ev.credentials().asMap().get(kind);
            return cred != null && pyStr(target.get(targetField)).equals(pyStr(cred));
        }
    }

    /**
     * Neutron's FieldCheck ({@code field:networks:shared=True}, {@code field:port:device_owner=~^network:}):
     * the target's attribute equals the value (converted as the attribute map converts it), or
     * matches the regular expression after {@code ~}. {@code networks:shared} of a port or subnet
     * is its network's.
     */
    static final class Field extends Leaf {
        final String resource;
        final String field;
        final String value;
        final Pattern regex;

        Field(String match) {
            super("field", match);
            int colon = match.indexOf(':');
            int eq = match.indexOf('=', colon + 1);
            if (colon < 0 || eq < 0) {
                throw new IllegalArgumentException("a field check is field:<resource>:<field>=<value>: " + match);
            }
            this.resource = match.substring(0, colon);
            this.field = match.substring(colon + 1, eq);
            this.value = match.substring(eq + 1);
            this.regex = value.startsWith("~") ? Pattern.compile(value.substring(1)) : null;
        }

        @Override
        boolean test(Map<String, Object> target, Evaluation ev) {
            Object actual = target.get(field);
            if (actual == null && !target.containsKey(field) && resource.equals("networks") && field.equals("shared")
                    && target.get("network_id") instanceof String networkId) {
                Map<String, Object> network = ev.parent("network", networkId);
                actual = network == null ? null : network.get(field);
            }
            if (actual == null) {
                return false;
            }
            if (regex != null) {
                return actual instanceof String s && regex.matcher(s).lookingAt();
            }
            return equal(actual, ev.convert(resource, field, value));
        }

        private static boolean equal(Object actual, Object expected) {
            if (actual instanceof Number a && expected instanceof Number e) {
                return a.toString().equals(e.toString()) || a.doubleValue() == e.doubleValue();
            }
            return actual.equals(expected);
        }

        @Override
        public String toString() {
            return kind + ":" + resource + ":" + field + ":" + value;
        }
    }

    /** Python's {@code "%(key)s" % target}; null where the target lacks a key (oslo's KeyError). */
    static String substitute(String template, Map<String, Object> target) {
        Matcher m = SUBSTITUTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!target.containsKey(m.group(1))) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(pyStr(target.get(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Python's str() of a JSON value, as oslo.policy compares them. */
    static String pyStr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return v.toString();
    }
}
