package org.nucleon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of Neutron for the smoke run: create (single and bulk), list, show, update and delete of a few
 * collections and PUT of quotas, 404 for every other one. Filters and pagination are ignored; the harness only needs 2xx answers.
 */
final class FakeNeutron implements AutoCloseable {
    private static final Map<String, String> RESOURCES = Map.of("networks", "network", "subnets", "subnet",
            "ports", "port");
    final Map<String, Map<String, JsonNode>> store = new ConcurrentHashMap<>();
    /** Quotas set by PUT /v2.0/quotas/{project}, by project. */
    final Map<String, JsonNode> quotas = new ConcurrentHashMap<>();
    /** GET requests answered, of any path. */
    final AtomicInteger gets = new AtomicInteger();
    private final HttpServer server;

    static {
        // The JDK server writes headers and body separately; with Nagle on, each reply waits for a delayed ACK (40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeNeutron() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2.0/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        RESOURCES.keySet().forEach(c -> store.put(c, new ConcurrentHashMap<>()));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int size() {
        return store.values().stream().mapToInt(Map::size).sum();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (x.getRequestMethod().equals("GET")) {
                gets.incrementAndGet();
            }
            String[] parts = x.getRequestURI().getPath().split("/"); // "", "v2.0", collection[, id]
            if (parts[2].equals("quotas") && parts.length == 4 && x.getRequestMethod().equals("PUT")) {
                quotas.put(parts[3], Json.MAPPER.readTree(x.getRequestBody()).path("quota"));
                reply(x, 200, Json.MAPPER.createObjectNode().set("quota", quotas.get(parts[3])));
                return;
            }
            String resource = RESOURCES.get(parts[2]);
            if (resource == null || parts.length > 4) {
                reply(x, 404, Json.MAPPER.createObjectNode().put("NeutronError", "not found"));
                return;
            }
            Map<String, JsonNode> items = store.get(parts[2]);
            String method = x.getRequestMethod();
            if (parts.length == 3 && method.equals("GET")) {
                ObjectNode list = Json.MAPPER.createObjectNode();
                list.putArray(parts[2]).addAll(items.values());
                reply(x, 200, list);
            } else if (parts.length == 3 && method.equals("POST")) {
                reply(x, 201, create(parts[2], resource, items, x));
            } else if (!items.containsKey(parts[3])) {
                reply(x, 404, Json.MAPPER.createObjectNode().put("NeutronError", "no such " + resource));
            } else if (method.equals("DELETE")) {
                items.remove(parts[3]);
                x.sendResponseHeaders(204, -1);
            } else {
                reply(x, 200, Json.MAPPER.createObjectNode().set(resource, items.get(parts[3])));
            }
        }
    }

    private JsonNode create(String collection, String resource, Map<String, JsonNode> items, HttpExchange x)
            throws IOException {
        JsonNode body = Json.MAPPER.readTree(x.getRequestBody());
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (body.has(collection)) {
            ArrayNode created = out.putArray(collection);
            body.path(collection).forEach(item -> created.add(add(items, item)));
        } else {
            out.set(resource, add(items, body.path(resource)));
        }
        return out;
    }

    private static JsonNode add(Map<String, JsonNode> items, JsonNode fields) {
        ObjectNode item = ((ObjectNode) fields.deepCopy()).put("id", UUID.randomUUID().toString());
        items.put(item.path("id").asText(), item);
        return item;
    }

    private static void reply(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
