package org.nucleon.router;

import org.nucleon.testsupport.JpaFixture;

/** The nucleon-router unit outside OSGi, on a fresh in-memory Derby. */
final class TestJpa extends JpaFixture {
    TestJpa() {
        super("nucleon-router");
    }
}
