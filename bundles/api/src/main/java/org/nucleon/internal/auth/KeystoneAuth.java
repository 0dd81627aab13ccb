package org.nucleon.internal.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import org.nucleon.api.context.RequestContext;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiRequest;

/**
 * The {@code keystone} strategy: keystonemiddleware's auth_token and Neutron's keystonecontext.
 * The caller's {@code X-Auth-Token} is validated against Keystone (cached for token_cache_time);
 * the context is built only from Keystone's answer, never from identity headers the client sent
 * (X-Project-Id, X-User-Id, X-Roles, X-Identity-Status ...). Admin is Neutron's default
 * context_is_admin: the role {@code admin} (compared
 * without case, as oslo.policy's role check does).
 */
public final class KeystoneAuth implements ApiController.Authenticator {
    static final String ADMIN_ROLE = "admin";

    private final KeystoneConfig config;
    private final KeystoneClient keystone;
    private final TokenCache cache;

    public KeystoneAuth(KeystoneConfig config) {
        this.config = config;
        this.keystone = new KeystoneClient(config);
        this.cache = new TokenCache(config.tokenCacheTime(), TokenCache.MAXIMUM_SIZE, Ticker.systemTicker(),
                Clock.systemUTC());
    }

    @Override
    public RequestContext authenticate(ApiRequest request, String requestId) {
        String token = request.header("X-Auth-Token");
        if (token == null || token.isBlank()) {
            throw new ApiController.Unauthorized(config.wwwAuthenticateUri());
        }
        TokenInfo t = cache.validate(token.strip(), keystone::validate)
                .orElseThrow(() -> new ApiController.Unauthorized(config.wwwAuthenticateUri()));
        return new RequestContext(t.projectId(), t.userId(), t.roles(), 
                t.roles().stream().anyMatch(ADMIN_ROLE::equalsIgnoreCase), requestId);
    }
}
