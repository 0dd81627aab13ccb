package org.nucleon.internal.controller;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nucleon.api.error.NeutronException;

/**
 * What to answer: a status, a JSON-able body (null for none) and extra headers.
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {
    /** webob's explanation of a 4xx it raises without one of its own (a 405, a request Jetty refused). */
    public static final String WEBOB_CLIENT_ERROR =
            "The server could not comply with the request since it is either malformed or otherwise incorrect.";

    public static ApiResponse of(int status, Object body) {
        return new ApiResponse(status, body, Map.of());
    }

    /** Whether the body holds a list read while it is written: no length is known before, and no error after. */
    public boolean streamed() {
        return PagedList.in(body);
    }

    /** Neutron's answer to a failure of its own: a 500 that tells nothing of what failed. */
    public static ApiResponse internalError() {
        return error(new NeutronException(500, "HTTPInternalServerError",
                "Request Failed: internal server error while processing your request."));
    }

    public static ApiResponse error(NeutronException e) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("type", e.type());
        fault.put("message", e.getMessage());
        fault.put("detail", e.detail());
        return of(e.status(), Map.of("NeutronError", fault));
    }
}
