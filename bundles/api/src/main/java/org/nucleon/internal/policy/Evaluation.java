package org.nucleon.internal.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * One caller's policy checks during one request: the rules, the credentials, and the parent
 * resources looked up so far (a page of ports on one network looks its network up once).
 */
public final class Evaluation {
    /** Deeper than any sane rule: a rule that refers to itself fails instead of overflowing. */
    private static final int MAX_DEPTH = 64;

    /** How checks reach outside the target: parent resources and the attribute map's converters. */
    public interface Environment {
        /** The resource (e.g. member {@code network}) as an admin sees it, or null when there is none. */
        Map<String, Object> find(String member, String id);

        /** A policy value for an attribute ({@code field:networks:shared=True}) converted as the attribute's converter does. */
        Object convert(String collection, String attribute, String value);

        Environment NONE = new Environment() {
            @Override
            public Map<String, Object> find(String member, String id) {
                return null;
            }

            @Override
            public Object convert(String collection, String attribute, String value) {
                return value;
            }
        };
    }

    private final PolicyRules rules;
    private final Credentials credentials;
    private final Environment environment;
    private final Map<String, Map<String, Object>> parents = new HashMap<>();
    private int depth;

    public Evaluation(PolicyRules rules, Credentials credentials, Environment environment) {
        this.rules = rules;
        this.credentials = credentials;
        this.environment = environment;
    }

    PolicyRules rules() {
        return rules;
    }

    Credentials credentials() {
        return credentials;
    }

    Map<String, Object> parent(String member, String id) {
        return parents.computeIfAbsent(member + "/" + id, k -> environment.find(member, id));
    }

    Object convert(String collection, String attribute, String value) {
        return environment.convert(collection, attribute, value);
    }

    boolean descend() {
        if (depth >= MAX_DEPTH) {
            return false;
        }
        depth++;
        return true;
    }

    void ascend() {
        depth--;
    }

    /** Whether the check passes; the target may gain looked-up parent fields. */
    public boolean test(Check check, Map<String, Object> target) {
        return check.test(target, this);
    }
}
