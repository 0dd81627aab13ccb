package org.nucleon.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nucleon.api.error.NeutronException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Identity v3 calls keystonemiddleware makes: a service token by password, and
 * {@code GET /v3/auth/tokens} to validate a client's token with it. The service token is renewed
 * shortly before it expires, and at once when Keystone refuses it. Every call is bounded by
 * {@code http_connect_timeout}; an unreachable or failing Keystone is a 503, never a hang.
 */
final class KeystoneClient {
    private static final Logger LOG = LoggerFactory.getLogger(KeystoneClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** keystoneauth's STALE_TOKEN_DURATION: renew this long before the service token expires. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final KeystoneConfig config;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private ServiceToken service;

    private record ServiceToken(String id, Instant expiresAt) {
    }

    KeystoneClient(KeystoneConfig config) {
        this.config = config;
        // HTTP/1.1: no h2c upgrade attempt towards a WSGI server
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.httpTimeout()).build();
    }

    /** What Keystone says of the token; empty when it is not valid (unknown, expired, revoked). */
    Optional<TokenInfo> validate(String subjectToken) {
        for (int attempt = 1;; attempt++) {
            String serviceToken = serviceToken();
            HttpRequest request;
            try {
                // nocatalog: the catalog is the bulk of the answer, and Neutron has no use for it
                request = request(URI.create(config.tokensUrl() + "?nocatalog")).GET()
                        .header("X-Auth-Token", serviceToken)
                        .header("X-Subject-Token", subjectToken).build();
            } catch (IllegalArgumentException unsendable) {
                return Optional.empty(); // characters no token has
            }
            HttpResponse<byte[]> r = send(request);
            switch (r.statusCode()) {
                case 200:
                    return Optional.of(tokenInfo(r.body()));
                case 400:
                case 404:
                    return Optional.empty();
                case 401:
                case 403:
                    forget(serviceToken);
                    if (attempt == 1) {
                        continue;
                    }
                    LOG.error("Keystone refuses the token validation of {} even with a new service token ({})",
                            config.username(), r.statusCode());
                    throw unavailable();
                default:
                    LOG.warn("Keystone answered {} to a token validation", r.statusCode());
                    throw unavailable();
            }
        }
    }

    private synchronized String serviceToken() {
        if (service == null || !service.expiresAt().minus(RENEW_BEFORE).isAfter(clock.instant())) {
            service = issueServiceToken();
        }
        return service.id();
    }

    private synchronized void forget(String serviceToken) {
        if (service != null && service.id().equals(serviceToken)) {
            service = null;
        }
    }

    private ServiceToken issueServiceToken() {
        Map<String, Object> auth = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                        "name", config.username(), "password", config.password(),
                        "domain", Map.of("name", config.userDomainName())))),
                "scope", Map.of("project", Map.of("name", config.projectName(),
                        "domain", Map.of("name", config.projectDomainName())))));
        HttpRequest request;
        try {
            request = request(config.tokensUrl()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(auth))).build();
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
        HttpResponse<byte[]> r = send(request);
        Optional<String> id = r.headers().firstValue("X-Subject-Token");
        if (r.statusCode() != 201 || id.isEmpty()) {
            LOG.error("Keystone at {} refuses the service credentials of {} in project {} ({})",
                    config.authUrl(), config.username(), config.projectName(), r.statusCode());
            throw unavailable();
        }
        return new ServiceToken(id.get(), tokenInfo(r.body()).expiresAt());
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(config.httpTimeout())
                .header("Accept", "application/json");
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warn("Keystone at {} cannot be reached: {}", config.authUrl(), e.toString());
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    /** The token body of a 200 or 201 from /v3/auth/tokens. */
    private static TokenInfo tokenInfo(byte[] body) {
        try {
            JsonNode token = JSON.readTree(body).path("token");
            List<String> roles = new ArrayList<>();
            token.path("roles").forEach(role -> roles.add(role.path("name").asText()));
            String project = token.path("project").path("id").asText(null);
            return new TokenInfo(token.path("user").path("id").asText(null), project, roles,
                    OffsetDateTime.parse(token.path("expires_at").asText()).toInstant());
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("Keystone answered a token without a readable body: {}", e.toString());
            throw unavailable();
        }
    }

    /** keystonemiddleware's ServiceError, as a NeutronError. */
    private static NeutronException unavailable() {
        return new NeutronException(503, "HTTPServiceUnavailable", "The Keystone service is temporarily unavailable.");
    }
}
