package org.nucleon.extensions.quotas;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.quota.QuotaEngine;
import org.nucleon.testsupport.JpaFixture;

/** The quota engine's reservations on the real persistence unit. */
public class QuotaDriverTest {
    private final QuotaTestBed bed = new QuotaTestBed(Map.of("quota_port", "3", "default_quota", "7"));
    private final QuotaDriver driver = bed.driver;

    @After
    public void tearDown() {
        bed.close();
    }

    private QuotaEngine.Reservation reservePorts(String project, int n) {
        return driver.makeReservation(JpaFixture.ADMIN, "port", Map.of(project, n));
    }

    private static void assertOverQuota(Runnable r) {
        try {
            r.run();
            fail("expected OverQuota");
        } catch (NeutronException e) {
            assertEquals(409, e.status());
            assertEquals("OverQuota", e.type());
            assertEquals("Quota exceeded for resources: ['port'].", e.getMessage());
        }
    }

    @Test
    public void defaultsComeFromTheConfiguration() {
        assertEquals(Map.of("network", 100, "port", 3, "security_group", 10), driver.defaultQuotas());
        driver.configure(Map.of("quota_network", "-1", "quota_port", "lots"));
        assertEquals(Map.of("network", -1, "port", 500, "security_group", 10), driver.defaultQuotas());
    }

    @Test
    public void aReservationHoldsRoomUntilItIsCommittedOrCancelled() {
        QuotaTestBed.own(bed.ports, "p1");
        QuotaEngine.Reservation two = reservePorts("p1", 2);
        assertOverQuota(() -> reservePorts("p1", 1));
        assertEquals(Map.of("limit", 3, "used", 1L, "reserved", 2L),
                driver.detailedQuotas(JpaFixture.ADMIN, "p1").get("port"));
        two.cancel();
        QuotaEngine.Reservation one = reservePorts("p1", 1);
        QuotaTestBed.own(bed.ports, "p1");
        one.commit();
        assertEquals(Map.of("limit", 3, "used", 2L, "reserved", 0L),
                driver.detailedQuotas(JpaFixture.ADMIN, "p1").get("port"));
        assertOverQuota(() -> reservePorts("p1", 2));
    }

    @Test
    public void aReservationNeverEndedLapses() {
        AtomicLong now = new AtomicLong(1_000_000);
        driver.clock = now::get;
        reservePorts("p1", 3);
        assertOverQuota(() -> reservePorts("p1", 1));
        now.addAndGet(QuotaDriver.RESERVATION_MILLIS + 1);
        reservePorts("p1", 3).commit();
    }

    @Test
    public void aBulkOverTheLimitOfOneProjectReservesForNone() {
        driver.updateLimits("p2", Map.of("port", 1));
        assertOverQuota(() -> driver.makeReservation(JpaFixture.ADMIN, "port", new java.util.LinkedHashMap<>(
                Map.of("p1", 2, "p2", 2))));
        assertEquals(0L, driver.detailedQuotas(JpaFixture.ADMIN, "p1").get("port") instanceof Map<?, ?> m
                ? ((Number) m.get("reserved")).longValue() : -1L);
    }

    @Test
    public void resourcesWithoutQuotaOrWithoutLimitReserveNothing() {
        assertSame(QuotaEngine.Reservation.NONE, driver.makeReservation(JpaFixture.ADMIN, "policy", Map.of("p1", 5)));
        // subnets are a quota resource, but nobody serves them here
        assertSame(QuotaEngine.Reservation.NONE, driver.makeReservation(JpaFixture.ADMIN, "subnet", Map.of("p1", 5)));
        driver.updateLimits("p1", Map.of("port", -1));
        assertSame(QuotaEngine.Reservation.NONE, reservePorts("p1", 1000));
    }

    @Test
    public void threadsRacingPastASmallLimitNeverExceedIt() throws Exception {
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int created = 0;
                    for (int i = 0; i < 3; i++) {
                        QuotaEngine.Reservation r;
                        try {
                            r = reservePorts("p1", 1);
                        } catch (NeutronException overQuota) {
                            continue;
                        }
                        QuotaTestBed.own(bed.ports, "p1");
                        r.commit();
                        created++;
                    }
                    return created;
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Integer> f : results) {
                created += f.get();
            }
            assertEquals(3, created);
            assertEquals(3, bed.ports.items().size());
            assertTrue(driver.detailedQuotas(JpaFixture.ADMIN, "p1").get("port").toString().contains("reserved=0"));
        } finally {
            pool.shutdownNow();
        }
    }
}
