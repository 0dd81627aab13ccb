package org.nucleon.api.context;

import java.util.List;

/**
 * Who is asking, and on what terms: Neutron's request context, as the auth step of the
 * pipeline builds it.
 *
 * @param projectId          the caller's project (may be null for a project-less admin token)
 * @param userId             the caller's user, or null without authentication
 * @param roles              the caller's roles
 * @param admin              whether the caller has admin rights
 * @param requestId          the {@code req-<uuid>} of this request
 * @param revisionConstraint the revision an update or delete must find ({@code If-Match:
 *                           revision_number=N}, revision-if-match), or null; like Neutron's
 *                           transaction constraint, checked atomically with the write
 */
public record RequestContext(String projectId, String userId, List<String> roles, boolean admin, String requestId,
        Long revisionConstraint) {
    public RequestContext {
        roles = List.copyOf(roles);
    }

    public RequestContext(String projectId, String userId, List<String> roles, boolean admin, String requestId) {
        this(projectId, userId, roles, admin, requestId, null);
    }

    public RequestContext withRevisionConstraint(Long revision) {
        return new RequestContext(projectId, userId, roles, admin, requestId, revision);
    }
}
