package org.nucleon.api.callback;

/**
 * A subscriber to resource events, published as an OSGi service with the properties
 * {@link #RESOURCE} (e.g. {@code network}) and {@link #EVENTS} (e.g. {@code precommit_delete}),
 * each one value or several. Subscribers run in {@link #PRIORITY} order, lowest first, as Neutron's.
 */
@FunctionalInterface
public interface ResourceCallback {
    String RESOURCE = "nucleon.callback.resource";
    String EVENTS = "nucleon.callback.events";
    String PRIORITY = "nucleon.callback.priority";

    void handle(ResourceEvent event);
}
