package org.nucleon.internal.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * oslo.policy's rule language: checks ({@code kind:match}, {@code @}, {@code !}) joined by
 * {@code and}, {@code or}, {@code not} (case-insensitive; not binds tightest, then and, then or)
 * and parentheses, tokenised on whitespace with parentheses peeled off the tokens' ends, as
 * oslo.policy's {@code _parser} does. An empty rule always passes.
 */
public final class RuleParser {
    private final List<String> tokens;
    private int pos;

    private RuleParser(List<String> tokens) {
        this.tokens = tokens;
    }

    /** The parsed rule; IllegalArgumentException says why a rule cannot be understood. */
    public static Check parse(String rule) {
        List<String> tokens = tokenize(rule);
        if (tokens.isEmpty()) {
            return new Check.True();
        }
        RuleParser p = new RuleParser(tokens);
        Check c = p.or();
        if (p.pos != tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + tokens.get(p.pos) + "' in rule: " + rule);
        }
        return c;
    }

    static List<String> tokenize(String rule) {
        List<String> out = new ArrayList<>();
        for (String tok : rule.strip().split("\\s+")) {
            int start = 0;
            while (start < tok.length() && tok.charAt(start) == '(') {
                out.add("(");
                start++;
            }
            int end = tok.length();
            int trailing = 0;
            while (end > start && tok.charAt(end - 1) == ')') {
                end--;
                trailing++;
            }
            if (end > start) {
                out.add(tok.substring(start, end));
            }
            for (int i = 0; i < trailing; i++) {
                out.add(")");
            }
        }
        return out;
    }

    private Check or() {
        List<Check> alternatives = new ArrayList<>(List.of(and()));
        while (keyword("or")) {
            alternatives.add(and());
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Check.Or(alternatives);
    }

    private Check and() {
        List<Check> all = new ArrayList<>(List.of(not()));
        while (keyword("and")) {
            all.add(not());
        }
        return all.size() == 1 ? all.get(0) : new Check.And(all);
    }

    private Check not() {
        return keyword("not") ? new Check.Not(not()) : primary();
    }

    private Check primary() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("rule ends where a check is expected");
        }
        String tok = tokens.get(pos++);
        if (tok.equals("(")) {
            Check inner = or();
            if (pos >= tokens.size() || !tokens.get(pos).equals(")")) {
                throw new IllegalArgumentException("unbalanced parentheses");
            }
            pos++;
            return inner;
        }
        if (tok.equals(")") || isKeyword(tok)) {
            throw new IllegalArgumentException("unexpected '" + tok + "' where a check is expected");
        }
        return check(tok);
    }

    private boolean keyword(String word) {
        if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private static boolean isKeyword(String tok) {
        return tok.equalsIgnoreCase("and") || tok.equalsIgnoreCase("or") || tok.equalsIgnoreCase("not");
    }

    /** One check, by its kind as oslo.policy's and Neutron's registered checks. */
    static Check check(String tok) {
        if (tok.equals("@")) {
            return new Check.True();
        }
        if (tok.equals("!")) {
            return new Check.False();
        }
        if (tok.length() >= 2 && (tok.startsWith("'") && tok.endsWith("'") || tok.startsWith("\"") && tok.endsWith("\""))) {
            throw new IllegalArgumentException("a quoted string is no check: " + tok);
        }
        int colon = tok.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a check is kind:match, not " + tok);
        }
        String kind = tok.substring(0, colon);
        String match = tok.substring(colon + 1);
        return switch (kind) {
            case "rule" -> new Check.Rule(match);
            case "role" -> new Check.Role(match);
            case "field" -> new Check.Field(match);
            case "tenant_id" -> new Check.Owner(kind, match);
            case "http", "https" -> throw new IllegalArgumentException("remote " + kind + " checks are not supported");
            default -> new Check.Generic(kind, match);
        };
    }
}
