package org.nucleon.router;

import static org.junit.Assert.assertEquals;

import java.util.Set;
import org.junit.Test;

public class GatewayUsersTest extends RouterFixture {
    @Test
    public void projectsWithAGatewayUseTheNetworkAsExternal() {
        GatewayUsers users = new GatewayUsers();
        users.jpa = jpa;
        assertEquals(Set.of(), users.users(external, "access_as_external"));
        createRouter(external);
        assertEquals("network", users.objectType());
        assertEquals(Set.of("p1"), users.users(external, "access_as_external"));
        assertEquals("gateways need no shared access", Set.of(), users.users(external, "access_as_shared"));
        assertEquals(Set.of(), users.users(core.network(true), "access_as_external"));
    }
}
