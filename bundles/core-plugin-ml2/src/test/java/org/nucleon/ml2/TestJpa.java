package org.nucleon.ml2;

import org.nucleon.testsupport.JpaFixture;

/** The nucleon-ml2 unit outside OSGi, on a fresh in-memory Derby. */
public final class TestJpa extends JpaFixture {
    public TestJpa() {
        super("nucleon-ml2");
    }
}
