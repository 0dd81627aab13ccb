package org.nucleon.internal.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.nucleon.internal.Digest;

/**
 * keystonemiddleware's token cache: what Keystone answered about a token (valid, or refused) is
 * kept for token_cache_time, so each token costs one validation per period. Bounded, and keyed by
 * the token's SHA-256 so no usable token sits in memory. Failures to reach Keystone are not kept.
 */
final class TokenCache {
    static final long MAXIMUM_SIZE = 10_000;

    /** Null when token_cache_time is zero or less: every request is validated. */
    private final Cache<String, Optional<TokenInfo>> cache;
    private final Clock clock;

    TokenCache(Duration ttl, long maximumSize, Ticker ticker, Clock clock) {
        this.cache = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).ticker(ticker).build();
        this.clock = clock;
    }

    /**
     * The token's identity: cached, or asked of {@code keystone} (empty when Keystone refuses
     * it). A token past its expires_at is refused even while cached.
     */
    Optional<TokenInfo> validate(String token, Function<String, Optional<TokenInfo>> keystone) {
        String key = Digest.sha256(token);
        Optional<TokenInfo> known = cache == null ? null : cache.getIfPresent(key);
        if (known == null) {
            known = keystone.apply(token);
            if (cache != null) {
                cache.put(key, known);
            }
        }
        return known.filter(t -> t.expiresAt().isAfter(clock.instant()));
    }

    /** Entries held now, after pending evictions: for tests of the bound. */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
