package org.nucleon.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.servlet.ReadListener;
import javax.servlet.ServletConfig;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.karaf.features.BootFinished;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.internal.auth.KeystoneAuth;
import org.nucleon.internal.registry.ExtensionManager;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** auth_strategy picks the authenticator (anything else stops the API from starting); the base URL of links. */
public class ApiServletTest {

    @Test
    public void noauthIsTheDefault() {
        assertTrue(ApiServlet.authenticator(Map.of()) instanceof NoAuth);
        assertTrue(ApiServlet.authenticator(Map.of("auth_strategy", " noauth ")) instanceof NoAuth);
    }

    @Test
    public void keystoneWithItsOptions() {
        Map<String, Object> p = new HashMap<>(Map.of("auth_strategy", "keystone"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiServlet.authenticator(p));
        assertEquals("keystone_authtoken.auth_url must be set when auth_strategy is keystone", e.getMessage());
        p.put("keystone_authtoken.auth_url", "http://127.0.0.1:5000/v3");
        p.put("keystone_authtoken.username", "nucleon");
        p.put("keystone_authtoken.password", "secretnucleon");
        p.put("keystone_authtoken.project_name", "service");
        assertTrue(ApiServlet.authenticator(p) instanceof KeystoneAuth);
    }

    @Test
    public void anyOtherStrategyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiServlet.authenticator(Map.of("auth_strategy", "keystone-v2")));
        assertEquals("auth_strategy 'keystone-v2' is not supported; use noauth or keystone", e.getMessage());
    }

    @Test
    public void aListThatFailsWhileWrittenIsCutShortNotEnded() {
        Iterable<Object> failsAfterOne = () -> new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                if (given == 1) {
                    throw new NeutronException(503, "ServiceUnavailable", "the database went away");
                }
                return true;
            }

            @Override
            public Object next() {
                given++;
                return Map.of("id", "n1");
            }
        };
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertThrows(IOException.class, () -> ApiServlet.stream(Map.of("networks", failsAfterOne), out));
        assertEquals("{\"networks\":[{\"id\":\"n1\"}", out.toString(StandardCharsets.UTF_8));
        assertFalse("Jetty must abort the answer, which a closed stream would end", closed.get());
    }

    /**
     * Until Karaf has installed its boot features the API is a part of itself: every request is a 503.
     * (What else the gate waits for is in BootGateTest.)
     */
    @Test
    public void everyRequestIsA503UntilTheBootIsFinishedAndNoneAfter() throws Exception {
        ApiServlet servlet = new ApiServlet();
        Field extensions = ApiServlet.class.getDeclaredField("extensions");
        extensions.setAccessible(true);
        extensions.set(servlet, new ExtensionManager());
        ServiceComponentRuntime noComponents = proxy(ServiceComponentRuntime.class,
                Map.of("getComponentDescriptionDTOs", List.of()));
        servlet.activate(Map.of(), new BootGate(servlet::booted, List::of, noComponents, () -> 1L));
        servlet.init(proxy(ServletConfig.class, Map.of()));

        Map<String, Object> starting = get(servlet, "/");
        assertEquals(503, starting.get("status"));
        assertEquals("1", ((Map<?, ?>) starting.get("headers")).get("Retry-After"));
        assertTrue(String.valueOf(starting.get("body")).contains("\"type\":\"ServiceUnavailable\""));

        BootFinished finished = proxy(BootFinished.class, Map.of());
        servlet.bindBootFinished(finished);
        assertEquals(200, get(servlet, "/").get("status"));
        // Karaf registers BootFinished again when its features service restarts: the boot happened all the same
        servlet.unbindBootFinished(finished);
        Map<String, Object> versions = get(servlet, "/");
        assertEquals(200, versions.get("status"));
        assertTrue(String.valueOf(versions.get("body")).contains("\"versions\""));
    }

    /** A GET of the path through the servlet: its status, headers and body. */
    private static Map<String, Object> get(ApiServlet servlet, String path) throws Exception {
        Map<String, Object> answer = new HashMap<>();
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                // written at once
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        ServletInputStream in = new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return true;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                // nothing to read
            }

            @Override
            public int read() {
                return -1;
            }
        };
        HttpServletRequest req = proxy(HttpServletRequest.class, Map.of("getMethod", "GET", "getPathInfo", path,
                "getScheme", "http", "getServerName", "127.0.0.1", "getServerPort", 9696, "getContextPath", "",
                "getInputStream", in, "getHeaderNames", Collections.emptyEnumeration()));
        HttpServletResponse res = (HttpServletResponse) Proxy.newProxyInstance(ApiServletTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> answer.put("status", args[0]);
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                            // content type and length are not asserted here
                        }
                    }
                    return null;
                });
        servlet.service(req, res);
        answer.put("headers", headers);
        answer.put("body", body.toString(StandardCharsets.UTF_8));
        return answer;
    }

    /** An interface's instance answering the named methods with the given values, and null otherwise. */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(ApiServletTest.class.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> answers.get(m.getName())));
    }

    @Test
    public void linksUseTheProxysSchemeAndHostThenTheHostHeader() {
        Map<String, String> proxied = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host",
                "api.example, internal:9696", "Host", "10.0.0.5:9696");
        assertEquals("https://api.example", ApiServlet.baseUrl("http", "127.0.0.1:9696", "", proxied::get));
        assertEquals("http://10.0.0.5:9696", ApiServlet.baseUrl("http", "127.0.0.1:9696", "",
                Map.of("Host", "10.0.0.5:9696", "X-Forwarded-Proto", " ")::get));
        assertEquals("http://127.0.0.1:9696/neutron", ApiServlet.baseUrl("http", "127.0.0.1:9696", "/neutron/",
                Map.<String, String>of()::get));
    }
}
