package org.nucleon.api.error;

/**
 * A failure the client is told about, rendered as
 * {@code {"NeutronError": {"type", "message", "detail"}}} with {@link #status()}.
 * The type is the name of Neutron's exception class, because clients key on it.
 */
public class NeutronException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String detail;

    public NeutronException(int status, String type, String message) {
        this(status, type, message, "");
    }

    public NeutronException(int status, String type, String message, String detail) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.detail = detail == null ? "" : detail;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    /** webob's HTTPBadRequest: the request itself is malformed (body, attributes, query). */
    public static NeutronException badRequest(String message) {
        return new NeutronException(400, "HTTPBadRequest", message);
    }

    /** neutron_lib InvalidInput: a value failed conversion or a plugin-level check. */
    public static NeutronException invalidInput(String errorMessage) {
        return new NeutronException(400, "InvalidInput", "Invalid input for operation: " + errorMessage + ".");
    }

    /** A missing resource, e.g. {@code notFound("Network", id)} gives NetworkNotFound. */
    public static NeutronException notFound(String resourceName, String id) {
        return new NeutronException(404, resourceName + "NotFound",
                resourceName + " " + id + " could not be found.");
    }

    public static NeutronException conflict(String type, String message) {
        return new NeutronException(409, type, message);
    }

    public static NeutronException httpNotFound() {
        return new NeutronException(404, "HTTPNotFound", "The resource could not be found.");
    }
}
