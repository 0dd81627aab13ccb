package org.nucleon.qos;

import org.nucleon.testsupport.JpaFixture;

/** The nucleon-qos unit outside OSGi, on a fresh in-memory Derby. */
public final class TestJpa extends JpaFixture {
    public TestJpa() {
        super("nucleon-qos");
    }
}
