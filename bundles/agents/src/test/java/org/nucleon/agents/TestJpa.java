package org.nucleon.agents;

import org.nucleon.testsupport.JpaFixture;

/** The nucleon-agents unit outside OSGi, on a fresh in-memory Derby. */
final class TestJpa extends JpaFixture {
    TestJpa() {
        super("nucleon-agents");
    }

    /** On a named in-memory database, which a second instance opens again as a restart does. */
    TestJpa(String database) {
        super("nucleon-agents", database);
    }
}
