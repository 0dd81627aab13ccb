package org.nucleon.qos.rule;

import static org.junit.Assert.assertEquals;
import static org.nucleon.qos.QosFixture.ADMIN;
import static org.nucleon.qos.QosFixture.expect;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

public class RuleTypeHandlerTest {
    private final RuleTypeHandler types = new RuleTypeHandler();

    @Test
    public void listsTheServedTypes() {
        assertEquals(List.of(Map.of("type", "bandwidth_limit"), Map.of("type", "dscp_marking"),
                Map.of("type", "minimum_bandwidth")), types.list(ADMIN, ListQuery.all()));
        assertEquals(List.of(Map.of("type", "dscp_marking")), types.list(ADMIN, new ListQuery(
                Map.of("type", List.of("dscp_marking")), List.of(new SortKey("type", true)), 0, null, false)));
    }

    @Test
    public void showHasTheDriversDetails() {
        Map<String, Object> t = types.get(ADMIN, "bandwidth_limit");
        Map<String, Object> driver = ((List<Map<String, Object>>) t.get("drivers")).get(0);
        assertEquals("openvswitch", driver.get("name"));
        List<Map<String, Object>> params = (List<Map<String, Object>>) driver.get("supported_parameters");
        assertEquals(List.of("max_kbps", "max_burst_kbps", "direction"), params.stream()
                .map(p -> p.get("parameter_name")).toList());
        assertEquals(Map.of("start", 0, "end", 2147483647L), params.get(0).get("parameter_values"));
        assertEquals("choices", params.get(2).get("parameter_type"));
        expect(404, "HTTPNotFound", () -> types.get(ADMIN, "packet_rate_limit"));
    }
}
