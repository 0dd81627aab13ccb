package org.nucleon.bench;

import java.util.List;

/**
 * A Rally-style scenario. One instance per endpoint, so it may keep what {@link #prepare} made in fields.
 * Everything created goes through the {@link Session}, which cleans it up whatever happens.
 */
abstract class Scenario {

    /** Collections the endpoint must serve; a 404 on any of them makes the scenario "unsupported" there. */
    abstract List<Kind> needs();

    /** Unmeasured setup shared by all concurrency levels. */
    void prepare(Session s) throws Exception {
    }

    /** The measured phases at one concurrency. */
    abstract void run(Session s, int concurrency) throws Exception;
}
