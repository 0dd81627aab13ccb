package org.nucleon.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.InternalServerErrorException;
import javax.ws.rs.NotAcceptableException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import org.junit.Test;

public class ErrorMapperTest {
    private static final String MALFORMED =
            "The server could not comply with the request since it is either malformed or otherwise incorrect.";

    private final ErrorMapper mapper = new ErrorMapper(new Rendering());

    /** The status, and the NeutronError's type and message, of what the mapper answers. */
    private static Map<?, ?> fault(Response r) throws Exception {
        Map<?, ?> body = new ObjectMapper().readValue((byte[]) r.getEntity(), Map.class);
        assertEquals("only the NeutronError, nothing else: " + body, Set.of("NeutronError"), body.keySet());
        Map<?, ?> fault = (Map<?, ?>) body.get("NeutronError");
        assertEquals(Set.of("type", "message", "detail"), fault.keySet());
        assertEquals("", fault.get("detail"));
        return fault;
    }

    @Test
    public void aMethodJerseyHasNoResourceMethodForIs405WithTheAllowedMethods() throws Exception {
        Response r = mapper.toResponse(new NotAllowedException("GET", new String[] {"POST"}));
        assertEquals(405, r.getStatus());
        assertEquals("application/json", r.getMediaType().toString());
        Map<?, ?> f = fault(r);
        // as samples/908-err-405-post-to-member.json
        assertEquals("HTTPMethodNotAllowed", f.get("type"));
        assertEquals(MALFORMED, f.get("message"));
        assertEquals(Set.of("GET", "POST"), Set.of(r.getHeaderString("Allow").split(",\\s*")));
    }

    @Test
    public void each4xxIsTypedAsWebobNamesItsStatus() throws Exception {
        Object[][] cases = {
            {new NotFoundException(), 404, "HTTPNotFound", "The resource could not be found."},
            {new WebApplicationException(413), 413, "HTTPRequestEntityTooLarge",
                "The body of your request was too large for this server."},
            {new NotSupportedException(), 415, "HTTPUnsupportedMediaType", MALFORMED},
            {new NotAcceptableException(), 406, "HTTPNotAcceptable", MALFORMED},
            {new WebApplicationException(400), 400, "HTTPBadRequest", MALFORMED},
            {new WebApplicationException(409), 409, "HTTPConflict",
                "There was a conflict when trying to complete your request."},
            {new WebApplicationException(412), 412, "HTTPPreconditionFailed", "Request precondition failed."},
            {new WebApplicationException(429), 429, "HTTPTooManyRequests",
                "The client has sent too many requests in a given amount of time"},
        };
        for (Object[] c : cases) {
            Response r = mapper.toResponse((Throwable) c[0]);
            assertEquals(c[0].toString(), c[1], r.getStatus());
            Map<?, ?> f = fault(r);
            assertEquals(c[0].toString(), c[2], f.get("type"));
            assertEquals(c[0].toString(), c[3], f.get("message"));
            assertNull("only a 405 names allowed methods", r.getHeaderString("Allow"));
        }
    }

    @Test
    public void a4xxWebobHasNoClassForKeepsItsStatusAsAClientError() throws Exception {
        Response r = mapper.toResponse(new WebApplicationException(418));
        assertEquals(418, r.getStatus());
        assertEquals("HTTPClientError", fault(r).get("type"));
    }

    @Test
    public void anythingElseIsA500ThatTellsNothingOfTheFailure() throws Exception {
        for (Throwable t : new Throwable[] {new IllegalStateException("secret detail"),
                new InternalServerErrorException("secret detail"), new WebApplicationException(302),
                new NullPointerException()}) {
            Response r = mapper.toResponse(t);
            assertEquals(t.toString(), 500, r.getStatus());
            Map<?, ?> f = fault(r);
            assertEquals("HTTPInternalServerError", f.get("type"));
            assertEquals("Request Failed: internal server error while processing your request.", f.get("message"));
            assertFalse(new String((byte[]) r.getEntity()).contains("secret"));
        }
    }
}
