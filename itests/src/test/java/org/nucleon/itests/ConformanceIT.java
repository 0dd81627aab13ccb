package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ResourceDefinition;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Replays the requests recorded from the reference Neutron about {@code /}, {@code /v2.0/},
 * extensions and networks, and compares status, error type, and the response's keys and value
 * types. Attributes of extensions that are not active here are left out: dropped from request
 * bodies and from the expected keys. A sample about an inactive extension is skipped and said so.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConformanceIT extends NucleonKarafTestSupport {

    @Configuration
    public Option[] config() {
        return baseOptions().toArray(Option[]::new);
    }

    @Test
    public void recordedSamplesMatch() throws Exception {
        Http api = api();
        Set<String> active = new HashSet<>(Set.of("network"));
        for (Object e : (List<?>) api.get("/v2.0/extensions").map().get("extensions")) {
            active.add((String) ((Map<?, ?>) e).get("alias"));
        }
        Set<String> networkAttrs = attributesOf("networks", active);
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> diffs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int compared = 0;
        for (String name : read("samples/index.txt").split("\n")) {
            if (!name.endsWith(".json")) {
                continue;
            }
            Map<String, Object> sample = map(Http.JSON.readValue(read("samples/" + name), Object.class));
            String path = substitute((String) sample.get("path"), ids);
            Object reqBody = withoutInactive(sample.get("request_body"), networkAttrs);
            String why = skipReason(path, active);
            if (why != null) {
                skipped.add(name + ": " + why);
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            map(sample.get("request_headers")).forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Accept") && !k.equalsIgnoreCase("Content-Type")) {
                    headers.put(k, String.valueOf(v));
                }
            });
            String body = reqBody == null ? null : substitute(Http.JSON.writeValueAsString(reqBody), ids);
            Http.Answer a = api.send((String) sample.get("method"), path, body, headers);
            compared++;
            int status = ((Number) sample.get("status")).intValue();
            if (a.status() != status) {
                diffs.add(name + ": status " + a.status() + " instead of " + status + ": " + a.text());
                continue;
            }
            Object expected = sample.get("response_body");
            if (status == 204) {
                if (!a.text().isEmpty()) {
                    diffs.add(name + ": 204 with a body");
                }
                continue;
            }
            compare(name, expected, a.json(), networkAttrs, diffs);
            learnIds(expected, a.json(), ids);
        }
        System.out.println("conformance: compared " + compared + ", skipped " + skipped);
        assertTrue("compared at least 20 samples, not " + compared, compared >= 20);
        assertTrue(String.join("\n", diffs), diffs.isEmpty());
    }

    @Test
    public void corsFollowsTheConfiguredOrigins() throws Exception {
        Http api = api();
        Http.Answer preflight = api.send("OPTIONS", "/v2.0/networks", null, Map.of("Origin", CORS_ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "X-Auth-Token"));
        assertEquals(200, preflight.status());
        assertEquals(CORS_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
        assertEquals("POST", preflight.header("Access-Control-Allow-Methods"));
        Http.Answer simple = api.send("GET", "/v2.0/networks", null, Map.of("Origin", CORS_ORIGIN));
        assertEquals(CORS_ORIGIN, simple.header("Access-Control-Allow-Origin"));
        assertTrue(simple.header("Access-Control-Expose-Headers").contains("X-OpenStack-Request-ID"));
        Http.Answer other = api.send("GET", "/v2.0/networks", null, Map.of("Origin", "http://evil.example"));
        assertEquals(200, other.status());
        assertEquals(null, other.header("Access-Control-Allow-Origin"));
    }

    @Test
    public void linksFollowTheProxyHeaders() throws Exception {
        Http api = api();
        api.post("/v2.0/networks", "{\"network\": {\"name\": \"proxied\"}}");
        Http.Answer page = api.send("GET", "/v2.0/networks?limit=1", null,
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "neutron.example:443"));
        List<?> links = (List<?>) page.map().get("networks_links");
        String href = (String) ((Map<?, ?>) links.get(0)).get("href");
        assertTrue(href, href.startsWith("https://neutron.example:443/v2.0/networks?limit=1&marker="));
    }

    /** Attributes the active extensions define or add for a collection, with project_id. */
    static Set<String> attributesOf(String collection, Set<String> active) {
        Set<String> out = new HashSet<>(Set.of("project_id"));
        for (String alias : active) {
            if (!ApiDefinitions.neutron().aliases().contains(alias)) {
                continue;
            }
            ExtensionDescriptor d = ApiDefinitions.neutron().extension(alias);
            ResourceDefinition r = d.resources().get(collection);
            if (r != null) {
                out.addAll(r.attributes().keySet());
            }
        }
        return out;
    }

    private static String skipReason(String path, Set<String> active) {
        if (path.startsWith("/v2.0/extensions/")) {
            String alias = path.substring("/v2.0/extensions/".length());
            return active.contains(alias) ? null : "extension " + alias + " is not active here";
        }
        return null;
    }

    /** The request body without attributes no active extension defines. */
    private static Object withoutInactive(Object body, Set<String> attrs) {
        if (!(body instanceof Map<?, ?> m)) {
            return body;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((envelope, content) -> {
            if (content instanceof List<?> l) {
                out.put(envelope, l.stream().map(i -> withoutInactive(i, attrs)).toList());
            } else if (content instanceof Map<?, ?> res) {
                Map<Object, Object> kept = new LinkedHashMap<>();
                res.forEach((k, v) -> {
                    if (attrs.contains(k)) {
                        kept.put(k, v);
                    }
                });
                out.put(envelope, kept);
            } else {
                out.put(envelope, content);
            }
        });
        return out;
    }

    /** Same keys (less inactive extensions' attributes on resources) and same JSON value types. */
    static void compare(String where, Object expected, Object actual, Set<String> resourceAttrs, List<String> diffs) {
        if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a)) {
                diffs.add(where + ": object expected, got " + actual);
                return;
            }
            boolean resource = e.containsKey("id") && (e.containsKey("tenant_id") || e.containsKey("name")
                    && e.size() <= 3);
            Set<Object> keys = new HashSet<>(e.keySet());
            if (resource) {
                keys.retainAll(resourceAttrs);
            }
            if (!keys.equals(a.keySet())) {
                diffs.add(where + ": keys " + new java.util.TreeSet<>(a.keySet().stream().map(String::valueOf)
                        .toList()) + " instead of " + new java.util.TreeSet<>(keys.stream().map(String::valueOf)
                        .toList()));
                return;
            }
            for (Object k : keys) {
                compare(where + "." + k, e.get(k), a.get(k), resourceAttrs, diffs);
            }
        } else if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a)) {
                diffs.add(where + ": list expected, got " + actual);
                return;
            }
            if (!e.isEmpty()) {
                for (int i = 0; i < a.size(); i++) {
                    compare(where + "[" + i + "]", e.get(Math.min(i, e.size() - 1)), a.get(i), resourceAttrs, diffs);
                }
            }
        } else if (kind(expected) != kind(actual)) {
            diffs.add(where + ": " + kind(actual) + " instead of " + kind(expected));
        }
    }

    private static String kind(Object v) {
        return v == null ? "null" : v instanceof String ? "string" : v instanceof Number ? "number"
                : v instanceof Boolean ? "boolean" : v instanceof List ? "list" : "object";
    }

    /** Maps recorded ids to the ids this server gave the same resources. */
    private static void learnIds(Object expected, Object actual, Map<String, String> ids) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            if (e.get("id") instanceof String eid && a.get("id") instanceof String aid) {
                ids.putIfAbsent(eid, aid);
            }
            e.forEach((k, v) -> learnIds(v, a.get(k), ids));
        } else if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                learnIds(e.get(i), a.get(i), ids);
            }
        }
    }

    private static String substitute(String s, Map<String, String> ids) {
        for (Map.Entry<String, String> e : ids.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ConformanceIT.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
