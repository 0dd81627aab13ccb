package org.nucleon.internal.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * keystonemiddleware's {@code [keystone_authtoken]} options, read from the PID
 * {@code org.nucleon.api} as {@code keystone_authtoken.<option>}.
 *
 * @param wwwAuthenticateUri where clients get tokens, sent in {@code WWW-Authenticate}; defaults to authUrl
 * @param authUrl            the Identity API this server validates tokens against
 * @param username           the service user
 * @param password           its password
 * @param projectName        the project its token is scoped to
 * @param userDomainName     the service user's domain
 * @param projectDomainName  the project's domain
 * @param tokenCacheTime     how long a validated (or refused) token is remembered; zero or less: never
 * @param httpTimeout        the bound on each call to Keystone (connect and answer)
 */
public record KeystoneConfig(String wwwAuthenticateUri, URI authUrl, String username, String password,
        String projectName, String userDomainName, String projectDomainName, Duration tokenCacheTime,
        Duration httpTimeout) {
    static final String PREFIX = "keystone_authtoken.";

    /** Reads the options; a missing required one or a malformed value is refused with its name. */
    public static KeystoneConfig from(Map<String, ?> properties) {
        URI authUrl = url(properties, "auth_url");
        long timeout = integer(properties, "http_connect_timeout", 5);
        if (timeout <= 0) {
            throw new IllegalArgumentException(PREFIX + "http_connect_timeout must be at least 1 second");
        }
        String www = optional(properties, "www_authenticate_uri", null);
        if (www != null) {
            url(properties, "www_authenticate_uri");
        }
        return new KeystoneConfig(www != null ? www : authUrl.toString(), authUrl,
                required(properties, "username"), required(properties, "password"),
                required(properties, "project_name"),
                optional(properties, "user_domain_name", "Default"),
                optional(properties, "project_domain_name", "Default"),
                Duration.ofSeconds(integer(properties, "token_cache_time", 300)),
                Duration.ofSeconds(timeout));
    }

    /** {@code <auth_url>/v3/auth/tokens}, whether auth_url names the version or not. */
    URI tokensUrl() {
        String base = authUrl.toString().replaceAll("/+$", "");
        if (!base.endsWith("/v3")) {
            base += "/v3";
        }
        return URI.create(base + "/auth/tokens");
    }

    private static String optional(Map<String, ?> p, String option, String dflt) {
        Object v = p.get(PREFIX + option);
        String s = v == null ? "" : String.valueOf(v).trim();
        return s.isEmpty() ? dflt : s;
    }

    private static String required(Map<String, ?> p, String option) {
        String v = optional(p, option, null);
        if (v == null) {
            throw new IllegalArgumentException(PREFIX + option + " must be set when auth_strategy is keystone");
        }
        return v;
    }

    private static URI url(Map<String, ?> p, String option) {
        String v = required(p, option);
        try {
            URI u = URI.create(v);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException(PREFIX + option + " must be an http(s) URL, not '" + v + "'");
    }

    private static long integer(Map<String, ?> p, String option, long dflt) {
        String v = optional(p, option, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + option + " must be a whole number of seconds, not '" + v + "'");
        }
    }

    /** The password stays out of logs. */
    @Override
    public String toString() {
        return "KeystoneConfig[auth_url=" + authUrl + ", username=" + username + ", project_name=" + projectName
                + ", token_cache_time=" + tokenCacheTime.toSeconds() + "s]";
    }
}
