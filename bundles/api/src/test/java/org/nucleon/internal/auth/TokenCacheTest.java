package org.nucleon.internal.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;

/** What Keystone said is remembered for token_cache_time, within a bound, and no longer. */
public class TokenCacheTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** One time source for Caffeine's ticker and the expiry check's clock. */
    private static final class FakeTime extends Clock implements Ticker {
        private Instant now = START;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public long read() {
            return Duration.between(START, now).toNanos();
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** Keystone as far as the cache sees it: a table of answers, and a log of questions. */
    private static final class Answers implements Function<String, Optional<TokenInfo>> {
        final List<String> asked = new ArrayList<>();
        final Map<String, TokenInfo> valid;

        Answers(Map<String, TokenInfo> valid) {
            this.valid = valid;
        }

        @Override
        public Optional<TokenInfo> apply(String token) {
            asked.add(token);
            return Optional.ofNullable(valid.get(token));
        }
    }

    private final FakeTime time = new FakeTime();
    private static final TokenInfo ALICE = new TokenInfo("alice-id", "project-a", List.of("member", "reader"),
            START.plus(Duration.ofHours(4)));

    @Test
    public void aValidTokenIsAskedOncePerCachePeriod() {
        TokenCache cache = new TokenCache(Duration.ofSeconds(300), 100, time, time);
        Answers keystone = new Answers(Map.of("tok-a", ALICE));
        assertEquals(Optional.of(ALICE), cache.validate("tok-a", keystone));
        time.advance(Duration.ofSeconds(299));
        assertEquals(Optional.of(ALICE), cache.validate("tok-a", keystone));
        assertEquals(List.of("tok-a"), keystone.asked);
        time.advance(Duration.ofSeconds(2));
        assertEquals(Optional.of(ALICE), cache.validate("tok-a", keystone));
        assertEquals(List.of("tok-a", "tok-a"), keystone.asked);
    }

    @Test
    public void aRefusalIsRememberedToo() {
        TokenCache cache = new TokenCache(Duration.ofSeconds(300), 100, time, time);
        Answers keystone = new Answers(Map.of());
        assertEquals(Optional.empty(), cache.validate("garbage", keystone));
        assertEquals(Optional.empty(), cache.validate("garbage", keystone));
        assertEquals(1, keystone.asked.size());
    }

    @Test
    public void aTokenPastItsExpiryIsRefusedEvenWhileCached() {
        TokenCache cache = new TokenCache(Duration.ofDays(1), 100, time, time);
        Answers keystone = new Answers(Map.of("tok-a", ALICE));
        assertTrue(cache.validate("tok-a", keystone).isPresent());
        time.advance(Duration.ofHours(4));
        assertFalse(cache.validate("tok-a", keystone).isPresent());
        assertEquals(1, keystone.asked.size());
    }

    @Test
    public void aFailureToReachKeystoneIsNotRemembered() {
        TokenCache cache = new TokenCache(Duration.ofSeconds(300), 100, time, time);
        assertThrows(NeutronException.class, () -> cache.validate("tok-a", t -> {
            throw new NeutronException(503, "HTTPServiceUnavailable", "down");
        }));
        Answers keystone = new Answers(Map.of("tok-a", ALICE));
        assertEquals(Optional.of(ALICE), cache.validate("tok-a", keystone));
        assertEquals(1, keystone.asked.size());
    }

    @Test
    public void zeroOrLessTurnsCachingOff() {
        for (Duration off : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            TokenCache cache = new TokenCache(off, 100, time, time);
            Answers keystone = new Answers(Map.of("tok-a", ALICE));
            cache.validate("tok-a", keystone);
            cache.validate("tok-a", keystone);
            assertEquals(2, keystone.asked.size());
            assertEquals(0, cache.size());
        }
    }

    @Test
    public void theCacheIsBounded() {
        TokenCache cache = new TokenCache(Duration.ofSeconds(300), 10, time, time);
        Answers keystone = new Answers(Map.of());
        for (int i = 0; i < 1000; i++) {
            cache.validate("tok-" + i, keystone);
        }
        assertTrue("held " + cache.size(), cache.size() <= 10);
    }
}
