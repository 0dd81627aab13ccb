package org.nucleon.internal.rest;

import java.util.List;
import org.nucleon.api.context.RequestContext;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiRequest;

/**
 * The {@code noauth} strategy as the reference Neutron runs it (NoauthFakeProjectId): every
 * caller is admin; without an {@code X-Project-Id} header the project is {@code fake_project_id},
 * with one the request has no project, so a create must name its tenant in the body.
 */
final class NoAuth implements ApiController.Authenticator {
    static final String FAKE_PROJECT = "fake_project_id";
    static final String FAKE_USER = "fake_user_id";

    @Override
    public RequestContext authenticate(ApiRequest request, String requestId) {
        boolean projectHeader = request.header("X-Project-Id") != null;
        String user = request.header("X-User-Id") != null ? request.header("X-User-Id") : FAKE_USER;
        return new RequestContext(projectHeader ? null : FAKE_PROJECT, user, List.of("admin"), true, requestId);
    }
}
