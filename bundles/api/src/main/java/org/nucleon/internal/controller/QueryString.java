package org.nucleon.internal.controller;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An ordered query string, as webob's {@code request.GET} multidict: repeated keys kept, order
 * kept, so pagination links echo the client's parameters the way Neutron does.
 */
public final class QueryString {
    private final List<Map.Entry<String, String>> params;

    private QueryString(List<Map.Entry<String, String>> params) {
        this.params = params;
    }

    public static QueryString parse(String raw) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                out.add(Map.entry(decode(k), decode(v)));
            }
        }
        return new QueryString(out);
    }

    /** Form decoding as Python's unquote_plus: '+' is a space, a stray '%' stays literal. */
    static String decode(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        return Character.digit((char) c, 16);
    }

    public List<Map.Entry<String, String>> entries() {
        return params;
    }

    public List<String> all(String key) {
        return params.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    /** The last value of a key, as webob's {@code GET.get}, or null. */
    public String get(String key) {
        List<String> all = all(key);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** A copy with every {@code key} removed and, unless value is null, one {@code key=value} appended. */
    public QueryString with(String key, String value) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        params.stream().filter(e -> !e.getKey().equals(key)).forEach(out::add);
        if (value != null) {
            out.add(Map.entry(key, value));
        }
        return new QueryString(out);
    }

    public String encode() {
        return params.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
