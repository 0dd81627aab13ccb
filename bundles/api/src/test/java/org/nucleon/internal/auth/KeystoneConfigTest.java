package org.nucleon.internal.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/** The keystone_authtoken.* options as Config Admin hands them over. */
public class KeystoneConfigTest {

    private static Map<String, Object> minimal() {
        Map<String, Object> p = new HashMap<>();
        p.put("auth_strategy", "keystone");
        p.put("keystone_authtoken.auth_url", "http://127.0.0.1:5000");
        p.put("keystone_authtoken.username", "nucleon");
        p.put("keystone_authtoken.password", "secretnucleon");
        p.put("keystone_authtoken.project_name", "service");
        return p;
    }

    @Test
    public void defaultsAreKeystonemiddlewaresAndDevstacks() {
        KeystoneConfig c = KeystoneConfig.from(minimal());
        assertEquals(URI.create("http://127.0.0.1:5000"), c.authUrl());
        assertEquals("http://127.0.0.1:5000", c.wwwAuthenticateUri());
        assertEquals("nucleon", c.username());
        assertEquals("secretnucleon", c.password());
        assertEquals("service", c.projectName());
        assertEquals("Default", c.userDomainName());
        assertEquals("Default", c.projectDomainName());
        assertEquals(Duration.ofSeconds(300), c.tokenCacheTime());
        assertEquals(Duration.ofSeconds(5), c.httpTimeout());
    }

    @Test
    public void everyOptionIsRead() {
        Map<String, Object> p = minimal();
        p.put("keystone_authtoken.www_authenticate_uri", "https://keystone.example/identity");
        p.put("keystone_authtoken.user_domain_name", " users ");
        p.put("keystone_authtoken.project_domain_name", "projects");
        p.put("keystone_authtoken.token_cache_time", "60");
        p.put("keystone_authtoken.http_connect_timeout", 2);
        KeystoneConfig c = KeystoneConfig.from(p);
        assertEquals("https://keystone.example/identity", c.wwwAuthenticateUri());
        assertEquals("users", c.userDomainName());
        assertEquals("projects", c.projectDomainName());
        assertEquals(Duration.ofSeconds(60), c.tokenCacheTime());
        assertEquals(Duration.ofSeconds(2), c.httpTimeout());
    }

    @Test
    public void tokensUrlWhetherAuthUrlNamesTheVersionOrNot() {
        for (String url : new String[] {"http://ks:5000", "http://ks:5000/", "http://ks:5000/v3", "http://ks:5000/v3/"}) {
            Map<String, Object> p = minimal();
            p.put("keystone_authtoken.auth_url", url);
            assertEquals(url, URI.create("http://ks:5000/v3/auth/tokens"), KeystoneConfig.from(p).tokensUrl());
        }
        Map<String, Object> p = minimal();
        p.put("keystone_authtoken.auth_url", "https://cloud.example/identity");
        assertEquals(URI.create("https://cloud.example/identity/v3/auth/tokens"), KeystoneConfig.from(p).tokensUrl());
    }

    @Test
    public void aMissingRequiredOptionIsNamed() {
        for (String option : new String[] {"auth_url", "username", "password", "project_name"}) {
            Map<String, Object> p = minimal();
            p.put("keystone_authtoken." + option, " ");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeystoneConfig.from(p));
            assertEquals("keystone_authtoken." + option + " must be set when auth_strategy is keystone",
                    e.getMessage());
        }
    }

    @Test
    public void malformedValuesAreRefusedWithTheirName() {
        Object[][] bad = {
            {"auth_url", "127.0.0.1:5000", "keystone_authtoken.auth_url must be an http(s) URL, not '127.0.0.1:5000'"},
            {"auth_url", "http://[bad", "keystone_authtoken.auth_url must be an http(s) URL, not 'http://[bad'"},
            {"www_authenticate_uri", "ftp://ks", "keystone_authtoken.www_authenticate_uri must be an http(s) URL, "
                    + "not 'ftp://ks'"},
            {"token_cache_time", "5m", "keystone_authtoken.token_cache_time must be a whole number of seconds, "
                    + "not '5m'"},
            {"http_connect_timeout", "0", "keystone_authtoken.http_connect_timeout must be at least 1 second"},
        };
        for (Object[] b : bad) {
            Map<String, Object> p = minimal();
            p.put("keystone_authtoken." + b[0], b[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeystoneConfig.from(p));
            assertEquals(b[2], e.getMessage());
        }
    }

    @Test
    public void theCacheCanBeTurnedOffAsInKeystonemiddleware() {
        Map<String, Object> p = minimal();
        p.put("keystone_authtoken.token_cache_time", "-1");
        assertTrue(KeystoneConfig.from(p).tokenCacheTime().isNegative());
    }

    @Test
    public void thePasswordStaysOutOfLogs() {
        assertFalse(KeystoneConfig.from(minimal()).toString().contains("secretnucleon"));
    }
}
