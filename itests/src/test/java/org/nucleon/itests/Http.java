package org.nucleon.itests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small JSON-over-HTTP client for the tests, speaking to one Nucleon. */
public final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Duration requestTimeout;

    public Http(String base) {
        this(base, Duration.ofSeconds(30));
    }

    public Http(String base, Duration requestTimeout) {
        this.base = base;
        this.requestTimeout = requestTimeout;
    }

    /** One answer: status, headers and the body parsed as JSON (null when empty or not JSON). */
    public record Answer(int status, Map<String, java.util.List<String>> headers, String text, Object json) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return (Map<String, Object>) json;
        }

        public String errorType() {
            Object e = json instanceof Map<?, ?> m ? m.get("NeutronError") : null;
            return e instanceof Map<?, ?> em ? (String) em.get("type") : null;
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public Answer send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        b.header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Object json = null;
        if (!r.body().isEmpty()) {
            try {
                json = JSON.readValue(r.body(), Object.class);
            } catch (IOException notJson) {
                json = null;
            }
        }
        return new Answer(r.statusCode(), r.headers().map(), r.body(), json);
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Map.of());
    }

    public Answer post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body, Map.of());
    }

    public Answer put(String path, String body) throws IOException, InterruptedException {
        return send("PUT", path, body, Map.of());
    }

    public Answer delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null, Map.of());
    }

    /** The aliases {@code /v2.0/extensions} lists now. */
    public Set<String> extensionAliases() throws IOException, InterruptedException {
        Set<String> aliases = new HashSet<>();
        for (Object e : (List<?>) get("/v2.0/extensions").map().get("extensions")) {
            aliases.add((String) ((Map<?, ?>) e).get("alias"));
        }
        return aliases;
    }

    /**
     * Waits until each path answers 200: a distribution serves its core collections before the
     * service features have finished activating, so a test of those waits for them first.
     */
    public void awaitServed(String... paths) throws InterruptedException {
        for (String path : paths) {
            if (!await(60_000, () -> get(path).status() == 200)) {
                throw new AssertionError(path + " not served within 60 s");
            }
        }
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    public static boolean await(long timeoutMillis, Check check) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        do {
            try {
                if (check.ok()) {
                    return true;
                }
            } catch (IOException notYet) {
                // the server is not listening yet
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return false;
    }

    @FunctionalInterface
    public interface Check {
        boolean ok() throws IOException, InterruptedException;
    }
}
