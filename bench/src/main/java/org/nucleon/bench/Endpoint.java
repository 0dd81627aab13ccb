package org.nucleon.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * A named Neutron-compatible server. One client per endpoint so connections are kept alive and reused by all
 * workers.
 *
 * <p>The client is Apache HttpClient's classic (blocking) one: each worker thread writes its request and reads the
 * answer itself. The JDK's {@code java.net.http} client hands every exchange to its own selector thread; on two
 * cores shared with the server, that client made a network show 1,900 a second (and 0.35 ms of the server's CPU
 * each) where this one makes 6,000 (0.15 ms), against the same server and network. A client's cost is no part of
 * either server's, and it narrows every ratio towards 1.
 */
final class Endpoint {
    private static final ContentType JSON = ContentType.create("application/json", (Charset) null);

    final String name;
    final String base;
    final Integer pid;
    private final String token;
    private final RequestConfig timely;
    private final RequestConfig patient;
    private final CloseableHttpClient http;

    Endpoint(String name, String base, Integer pid, String token, Duration timeout) {
        this.name = name;
        this.base = base.replaceAll("/+$", "");
        this.pid = pid;
        this.token = token;
        this.timely = RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build();
        this.patient = RequestConfig.custom().setResponseTimeout(Timeout.of(timeout.multipliedBy(10))).build();
        // A connection idle between phases (the other server's turn can take minutes) may have been closed by
        // the server: checked before reuse rather than retried, since retries would hide real errors.
        ConnectionConfig connections = ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10))
                .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build();
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connections)
                        // every closed-loop worker keeps its own connection, whatever the concurrency
                        .setMaxConnTotal(Integer.MAX_VALUE).setMaxConnPerRoute(Integer.MAX_VALUE).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression().disableAuthCaching()
                .build();
    }

    Reply send(Request r) throws IOException {
        return send(r, timely);
    }

    /**
     * Setup and cleanup may take far longer than a measured request (a bulk of 100 ports on the reference on SQLite
     * takes minutes while other writers hold the database), and must finish rather than be timed.
     */
    Reply sendPatiently(Request r) throws IOException {
        return send(r, patient);
    }

    private Reply send(Request r, RequestConfig config) throws IOException {
        HttpUriRequestBase req = new HttpUriRequestBase(r.method(), URI.create(base + r.path()));
        req.setConfig(config);
        req.setHeader("Accept", "application/json");
        if (r.body() != null) {
            req.setEntity(new ByteArrayEntity(Json.MAPPER.writeValueAsBytes(r.body()), JSON));
        }
        if (token != null) {
            req.setHeader("X-Auth-Token", token);
        }
        return http.execute(req, resp -> {
            HttpEntity body = resp.getEntity();
            return new Reply(resp.getCode(), body == null ? new byte[0] : EntityUtils.toByteArray(body));
        });
    }
}
