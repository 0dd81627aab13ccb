package org.nucleon.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import javax.ws.rs.core.Response;
import org.nucleon.api.error.NeutronException;
import org.nucleon.internal.controller.ApiResponse;

/** Turns controller answers and stray JAX-RS failures into JSON responses. */
final class Rendering {
    private static final String JSON_TYPE = "application/json";
    private final ObjectMapper json = new ObjectMapper();

    Response render(ApiResponse res) {
        Response.ResponseBuilder b = Response.status(res.status());
        res.headers().forEach(b::header);
        if (res.body() != null) {
            try {
                b.entity(json.writeValueAsBytes(res.body())).type(JSON_TYPE);
            } catch (JsonProcessingException e) {
                return render(ApiResponse.error(new NeutronException(500, "HTTPInternalServerError",
                        "Request Failed: internal server error while processing your request.")));
            }
        }
        return b.build();
    }
}
