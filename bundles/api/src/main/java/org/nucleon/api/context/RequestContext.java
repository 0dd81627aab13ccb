package org.nucleon.api.context;

import java.util.List;

/**
 * Who is asking: Neutron's request context, as the auth step of the pipeline builds it.
 *
 * @param projectId the caller's project (may be null for a project-less admin token)
 * @param userId    the caller's user, or null without authentication
 * @param roles     the caller's roles
 * @param admin     whether the caller has admin rights
 * @param requestId the {@code req-<uuid>} of this request
 */
public record RequestContext(String projectId, String userId, List<String> roles, boolean admin, String requestId) {
    public RequestContext {
        roles = List.copyOf(roles);
    }
}
