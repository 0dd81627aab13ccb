package org.nucleon.internal.callback;

/**
 * A vetoing subscriber failed because its bundle was going away (its persistence unit closed
 * a moment before its service left). Nothing was committed: BEFORE and PRECOMMIT run before
 * the commit, so the request can be served again without that subscriber.
 */
public final class SubscriberDeparted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SubscriberDeparted(RuntimeException cause) {
        super("a callback subscriber left while handling the event", cause);
    }

    /** Whether this failure, or one of its causes, is a departed subscriber's. */
    public static boolean in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SubscriberDeparted) {
                return true;
            }
        }
        return false;
    }
}
