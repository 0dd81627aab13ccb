package org.nucleon.internal.auth;

import java.time.Instant;
import java.util.List;

/**
 * What Keystone says a valid token stands for.
 *
 * @param projectId null for a token not scoped to a project (unscoped, domain or system scope)
 * @param roles     role names, implied roles included as Keystone lists them
 */
record TokenInfo(String userId, String projectId, List<String> roles, Instant expiresAt) {
    TokenInfo {
        roles = List.copyOf(roles);
    }
}
