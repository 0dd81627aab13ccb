package org.nucleon.api.callback;

/**
 * Delivers resource events to the subscribed {@link ResourceCallback} services. For events that
 * {@link Event#mayVeto() may veto}, the first failure is rethrown and stops the operation; a
 * failure in an AFTER_* event is logged and the others still run.
 */
public interface CallbackRegistry {
    void publish(ResourceEvent event);
}
