package org.nucleon.testsupport;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nucleon.api.context.RequestContext;
import org.nucleon.internal.controller.ApiConfig;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiRequest;
import org.nucleon.internal.controller.ApiResponse;
import org.nucleon.internal.controller.QueryString;
import org.nucleon.internal.registry.ApiSnapshot;

/**
 * A plugin's handlers behind the API's own controller, without HTTP: requests as a client
 * sends them, answers as the server renders them, for one caller.
 */
public final class ApiClient {
    private final ApiController api;

    public ApiClient(Supplier<ApiSnapshot> snapshot, RequestContext caller) {
        this(new ApiController(snapshot, () -> ApiConfig.DEFAULTS, (req, id) -> caller));
    }

    /** A controller set up by the test (its own policy, callers, quota engine). */
    public ApiClient(ApiController api) {
        this.api = api;
    }

    /** {@code path} may carry a query string. */
    public ApiResponse call(String method, String path, String body) {
        int q = path.indexOf('?');
        return api.handle(new ApiRequest(method, "http://127.0.0.1:9696", q < 0 ? path : path.substring(0, q),
                QueryString.parse(q < 0 ? "" : path.substring(q + 1)), Map.of(),
                body.getBytes(StandardCharsets.UTF_8)), "req-test");
    }

    /** The object under a key of the response body, e.g. {@code network} or {@code NeutronError}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> member(ApiResponse r, String key) {
        return (Map<String, Object>) ((Map<String, Object>) r.body()).get(key);
    }

    /** The list under a key of the response body, e.g. {@code networks}. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> items(ApiResponse r, String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) r.body()).get(key);
    }

    public static void assertStatus(int status, ApiResponse r) {
        assertEquals(String.valueOf(r.body()), status, r.status());
    }

    public static void assertError(ApiResponse r, int status, String type, String message) {
        assertStatus(status, r);
        Map<String, Object> e = member(r, "NeutronError");
        assertEquals(type, e.get("type"));
        assertEquals(message, e.get("message"));
    }
}
