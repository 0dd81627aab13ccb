package org.nucleon.agents;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

public class AvailabilityZoneTest extends AgentsFixture {
    private static final String NET = "5a1b0a8e-0000-4000-8000-000000000001";

    private List<Map<String, Object>> zones(Map<String, List<Object>> filters) {
        return zones.list(ADMIN, new ListQuery(filters, List.of(new SortKey("name", true)), 0, null, false));
    }

    private static Map<String, Object> zone(String name, String resource, String state) {
        return Map.of("name", name, "resource", resource, "state", state);
    }

    @Test
    public void zonesComeFromDhcpAndL3AgentsOnly() {
        report(Zones.DHCP_AGENT, "node-1", "zone-a");
        report(Zones.L3_AGENT, "node-1", "zone-a");
        report("Open vSwitch agent", "node-1", "zone-c");
        report(Zones.L3_AGENT, "node-2", null);
        assertEquals(List.of(zone("zone-a", "network", "available"), zone("zone-a", "router", "available")),
                zones(Map.of()));
    }

    @Test
    public void stateFollowsAdminStateUpOfAnyAgentAsNeutron() {
        String a = id(report(Zones.DHCP_AGENT, "node-1", "zone-a"));
        String b = id(report(Zones.DHCP_AGENT, "node-2", "zone-a"));
        agents.update(ADMIN, a, Map.of("admin_state_up", false));
        assertEquals(List.of(zone("zone-a", "network", "available")), zones(Map.of()));
        agents.update(ADMIN, b, Map.of("admin_state_up", false));
        assertEquals(List.of(zone("zone-a", "network", "unavailable")), zones(Map.of()));
        // Neutron's _list_availability_zones looks at admin_state_up, not at heartbeats
        agents.update(ADMIN, b, Map.of("admin_state_up", true));
        advance(Duration.ofHours(1));
        assertEquals(List.of(zone("zone-a", "network", "available")), zones(Map.of()));
    }

    @Test
    public void filtersOnNameResourceAndState() {
        report(Zones.DHCP_AGENT, "node-1", "zone-a");
        report(Zones.L3_AGENT, "node-1", "zone-b");
        agents.update(ADMIN, id(report(Zones.DHCP_AGENT, "node-2", "zone-b")), Map.of("admin_state_up", false));
        assertEquals(List.of(zone("zone-b", "network", "unavailable")), zones(Map.of("state", List.of("unavailable"))));
        assertEquals(List.of(zone("zone-b", "router", "available")), zones(Map.of("resource", List.of("router"))));
        assertEquals(2, zones(Map.of("name", List.of("zone-b"))).size());
        assertEquals(List.of(), zones(Map.of("name", List.of("zone-a"), "resource", List.of("router"))));
    }

    private void createNetwork(List<String> hints) {
        createNetwork(NET, hints);
    }

    private void createNetwork(String id, List<String> hints) {
        Map<String, Object> request = new HashMap<>(Map.of("name", "n1"));
        request.put(NetworkAvailabilityZones.HINTS, hints);
        networkZones.handle(new ResourceEvent("network", Event.PRECOMMIT_CREATE, ADMIN, id,
                Map.of("id", id), null, request));
    }

    /** A page longer than one IN list (read by its id range) gets each network's own hints. */
    @Test
    public void aLongPageShowsEachNetworksOwnHints() {
        report(Zones.DHCP_AGENT, "node-1", "zone-a");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = String.format("%08d-0000-0000-0000-000000000000", i);
            createNetwork(id, i % 2 == 0 ? List.of("zone-a") : List.of());
            items.add(new HashMap<>(Map.of("id", id)));
        }
        networkZones.extend(ADMIN, items);
        for (int i = 0; i < items.size(); i++) {
            assertEquals(items.get(i).toString(), i % 2 == 0 ? List.of("zone-a") : List.of(),
                    items.get(i).get(NetworkAvailabilityZones.HINTS));
        }
    }

    @Test
    public void hintsMustBeZonesOfDhcpAgents() {
        report(Zones.DHCP_AGENT, "node-1", "zone-a");
        report(Zones.L3_AGENT, "node-1", "zone-r");
        expect(404, "AvailabilityZoneNotFound", "AvailabilityZone bogus-az could not be found.",
                () -> createNetwork(List.of("zone-a", "bogus-az")));
        // a router zone is no network zone
        expect(404, "AvailabilityZoneNotFound", "AvailabilityZone zone-r could not be found.",
                () -> createNetwork(List.of("zone-r")));
        assertEquals(List.of(), extended().get(NetworkAvailabilityZones.HINTS));
    }

    @Test
    public void storedHintsAreShownAndDroppedWithTheNetwork() {
        report(Zones.DHCP_AGENT, "node-1", "zone-a");
        report(Zones.DHCP_AGENT, "node-2", "zone-b");
        createNetwork(List.of("zone-b", "zone-a"));
        Map<String, Object> shown = extended();
        assertEquals(List.of("zone-b", "zone-a"), shown.get(NetworkAvailabilityZones.HINTS));
        // no DHCP scheduling yet: no agent hosts the network
        assertEquals(List.of(), shown.get(NetworkAvailabilityZones.ZONES));
        networkZones.handle(new ResourceEvent("network", Event.PRECOMMIT_DELETE, ADMIN, NET, Map.of("id", NET),
                Map.of("id", NET), null));
        assertEquals(List.of(), extended().get(NetworkAvailabilityZones.HINTS));
        assertNull(jpa.txExpr(em -> em.find(AzHintsEntity.class, NET)));
    }

    @Test
    public void networksWithoutHintsGetEmptyLists() {
        createNetwork(List.of());
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(new HashMap<>(Map.of("id", NET)));
        items.add(new HashMap<>(Map.of("id", "other")));
        networkZones.extend(ADMIN, items);
        for (Map<String, Object> item : items) {
            assertEquals(List.of(), item.get(NetworkAvailabilityZones.HINTS));
            assertEquals(List.of(), item.get(NetworkAvailabilityZones.ZONES));
        }
    }

    private Map<String, Object> extended() {
        Map<String, Object> item = new HashMap<>(Map.of("id", NET, "name", "n1"));
        networkZones.extend(ADMIN, List.of(item));
        return item;
    }
}
