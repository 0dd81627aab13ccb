package org.nucleon.agents;

import com.rabbitmq.client.Address;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * oslo.messaging's {@code transport_url} for the rabbit driver:
 * {@code rabbit://user:pass@host:port[,user:pass@host2:port]/virtual_host}; user, password and
 * virtual host are URL-encoded, the port defaults to 5672 and an empty virtual host is {@code /}.
 * Every host shares the first host's credentials, as one AMQP connection factory does.
 */
record TransportUrl(String user, String password, List<Address> addresses, String virtualHost) {
    private static final String SCHEME = "rabbit://";

    static TransportUrl parse(String url) {
        if (url == null || !url.startsWith(SCHEME)) {
            throw new IllegalArgumentException("transport_url must start with " + SCHEME + ": " + url);
        }
        String rest = url.substring(SCHEME.length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String vhost = slash < 0 ? "" : decode(rest.substring(slash + 1));
        String user = "guest";
        String password = "guest";
        List<Address> addresses = new ArrayList<>();
        for (String h : hosts.split(",")) {
            int at = h.lastIndexOf('@');
            if (at >= 0 && addresses.isEmpty()) {
                String credentials = h.substring(0, at);
                int colon = credentials.indexOf(':');
                user = decode(colon < 0 ? credentials : credentials.substring(0, colon));
                password = colon < 0 ? "" : decode(credentials.substring(colon + 1));
            }
            addresses.add(address(at < 0 ? h : h.substring(at + 1), url));
        }
        return new TransportUrl(user, password, List.copyOf(addresses), vhost.isEmpty() ? "/" : vhost);
    }

    private static Address address(String hostPort, String url) {
        String host = hostPort;
        int port = 5672;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in transport_url " + url);
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in transport_url " + url);
        }
        return new Address(host, port);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** For logs: the URL without its password. */
    @Override
    public String toString() {
        return "rabbit://" + user + ":***@" + addresses + "/" + ("/".equals(virtualHost) ? "" : virtualHost);
    }
}
