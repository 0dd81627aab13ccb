package org.nucleon.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiRequest;
import org.nucleon.internal.controller.ApiResponse;
import org.nucleon.internal.controller.QueryString;

/** The API's own controller called in-process, as HTTP would: a path with its query, a JSON body. */
public final class InProcessApi {
    private final ApiController api;

    public InProcessApi(ApiController api) {
        this.api = api;
    }

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
}
