package org.nucleon.api.callback;

/**
 * Neutron's callback events. BEFORE_* run before the transaction and may veto by throwing;
 * PRECOMMIT_* run inside it and may veto; AFTER_* run after commit, best effort.
 */
public enum Event {
    BEFORE_CREATE, PRECOMMIT_CREATE, AFTER_CREATE,
    BEFORE_UPDATE, PRECOMMIT_UPDATE, AFTER_UPDATE,
    BEFORE_DELETE, PRECOMMIT_DELETE, AFTER_DELETE;

    /** Whether a subscriber's failure stops the operation. */
    public boolean mayVeto() {
        return !name().startsWith("AFTER_");
    }

    /** The lower-case name used in service properties, e.g. {@code precommit_delete}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
