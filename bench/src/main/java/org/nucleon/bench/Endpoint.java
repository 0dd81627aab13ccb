package org.nucleon.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A named Neutron-compatible server. One HttpClient per endpoint so connections are kept alive and reused by all workers. */
final class Endpoint {
    final String name;
    final String base;
    final Integer pid;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    Endpoint(String name, String base, Integer pid, String token, Duration timeout) {
        this.name = name;
        this.base = base.replaceAll("/+$", "");
        this.pid = pid;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    Reply send(Request r) throws IOException, InterruptedException {
        return send(r, timeout);
    }

    /**
     * Setup and cleanup may take far longer than a measured request (a bulk of 100 ports on the reference on SQLite
     * takes minutes while other writers hold the database), and must finish rather than be timed.
     */
    Reply sendPatiently(Request r) throws IOException, InterruptedException {
        return send(r, timeout.multipliedBy(10));
    }

    private Reply send(Request r, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = r.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(r.body()));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.path())).timeout(timeout)
                .header("Accept", "application/json").method(r.method(), publisher);
        if (r.body() != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(resp.statusCode(), resp.body());
    }
}
