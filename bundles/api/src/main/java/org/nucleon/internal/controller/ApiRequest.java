package org.nucleon.internal.controller;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request, detached from the servlet and JAX-RS APIs.
 *
 * @param baseUrl scheme, host and port the client used, e.g. {@code http://127.0.0.1:9696}
 * @param path    the decoded request path
 * @param headers header name (any case) to values
 * @param body    the raw body, empty when none
 */
public record ApiRequest(String method, String baseUrl, String path, QueryString query,
        Map<String, List<String>> headers, byte[] body) {

    public ApiRequest {
        Map<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(headers);
        headers = ci;
    }

    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
