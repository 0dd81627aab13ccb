package org.nucleon.agents;

import java.util.List;

/**
 * A failed RPC, as the caller's oslo.messaging rebuilds it: the Python exception's module and
 * class (builtins' are rebuilt as such; others become a RemoteError) and its arguments.
 */
final class RpcError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String module;
    private final String className;
    private final List<Object> args;

    RpcError(String module, String className, String message, List<Object> args) {
        super(message);
        this.module = module;
        this.className = className;
        this.args = List.copyOf(args);
    }

    /** Python's KeyError for a missing argument, as Neutron's kwargs['...'] raises it. */
    static RpcError keyError(String key) {
        return new RpcError("builtins", "KeyError", "'" + key + "'", List.of(key));
    }

    static RpcError valueError(String message) {
        return new RpcError("builtins", "ValueError", message, List.of(message));
    }

    String module() {
        return module;
    }

    String className() {
        return className;
    }

    List<Object> args() {
        return args;
    }
}
