package org.nucleon.api.plugin;

import java.util.Map;
import java.util.Set;
import org.nucleon.api.context.RequestContext;

/**
 * Something that lives below each member of a collection another plugin serves, as Neutron's
 * tags do: {@code /v2.0/networks/{id}/tags} and {@code /v2.0/networks/{id}/tags/{tag}}. A
 * {@link ResourceHandler} does not fit (the items are no resources with an attribute map, and the
 * parent is someone else's), nor does a {@link ResourceExtender} (it has no routes of its own).
 * <p>
 * Published as an OSGi service once per parent collection, with the properties
 * {@link ResourceHandler#COLLECTION} (the parent collection, e.g. {@code networks}), {@link #NAME}
 * (the path segment, e.g. {@code tags}) and, optionally, {@link #EXTENSION}. Its routes exist while
 * the service, the parent's handler and that extension are there, and go when any of them goes.
 * The REST layer looks the parent up with the parent's handler first, so a missing one is the
 * parent's own 404 (e.g. NetworkNotFound); methods not in {@link #operations()} are 405.
 */
public interface MemberSubResource {
    /** Service property: the path segment below a member, e.g. {@code tags}. */
    String NAME = "nucleon.subresource.name";
    /** Service property: an extension alias that must be active for the routes to exist. */
    String EXTENSION = "nucleon.subresource.extension";

    /** Neutron's controller methods, each with its HTTP method and whether it addresses one item. */
    enum Operation {
        INDEX("GET", false), CREATE("POST", false), UPDATE_ALL("PUT", false), DELETE_ALL("DELETE", false),
        SHOW("GET", true), UPDATE("PUT", true), DELETE("DELETE", true);

        private final String method;
        private final boolean item;

        Operation(String method, boolean item) {
            this.method = method;
            this.item = item;
        }

        public String method() {
            return method;
        }

        /** Whether the path names one item ({@code .../tags/{tag}}) rather than all of them. */
        public boolean item() {
            return item;
        }

        /** The operation of an HTTP method on all items or on one, or null when there is none. */
        public static Operation of(String method, boolean item) {
            for (Operation o : values()) {
                if (o.method.equals(method) && o.item == item) {
                    return o;
                }
            }
            return null;
        }
    }

    /**
     * The parent member a request is under; it exists when {@link #handle} is called.
     *
     * @param collection the parent's collection, e.g. {@code networks}
     * @param resource   the parent as its handler returned it
     * @param touch      marks the parent changed, bumping its revision_number and updated_at as
     *                   Neutron does when its tags change; joins the caller's transaction
     */
    record Parent(String collection, String id, Map<String, Object> resource, Runnable touch) {
    }

    /** The answer: a status and a JSON-able body, or null for none. */
    record Reply(int status, Object body) {
    }

    /** What it serves; other methods on its routes are 405. */
    Set<Operation> operations();

    /**
     * @param item the item named by the path (for {@link Operation#item()} operations), else null
     * @param body the request body as JSON values, or null when there is none
     */
    Reply handle(RequestContext context, Operation operation, Parent parent, String item, Object body);
}
