package org.nucleon.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A handful of requests against two fake servers, so the harness cannot rot. Asserts counts, never timings. */
public class SmokeTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void runsEveryScenarioTheFakeServesAndReportsTheRestUnsupported() throws Exception {
        try (FakeNeutron a = new FakeNeutron(); FakeNeutron b = new FakeNeutron()) {
            Path out = tmp.getRoot().toPath();
            Settings settings = Settings.parse("a=" + a.url(), "b=" + b.url(), "--concurrency", "1,2",
                    "--count", "5", "--list-count", "2", "--read-seconds", "0", "--port-sizes", "30",
                    "--warmup", "1", "--out", out.toString(), "--run-id", "smoke");
            ByteArrayOutputStream table = new ByteArrayOutputStream();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Main.run(settings, new PrintStream(table, true, StandardCharsets.UTF_8), new PrintStream(
                    log, true, StandardCharsets.UTF_8));
            String said = log.toString(StandardCharsets.UTF_8);
            assertTrue(said, said.contains("warmed up a for 1 s") && said.contains("warmed up b for 1 s")
                    && !said.contains("failed"));

            JsonNode report = Json.MAPPER.readTree(out.resolve("bench-report.json").toFile());
            Map<String, String> status = stream(report.path("scenarios")).collect(Collectors.toMap(
                    s -> s.path("scenario").asText() + "@" + s.path("endpoint").asText(),
                    s -> s.path("status").asText()));
            for (String ep : List.of("a", "b")) {
                for (String ok : List.of("networks", "subnets", "ports", "port-list-30")) {
                    assertEquals(ok + " on " + ep, "ok", status.get(ok + "@" + ep));
                }
                for (String missing : List.of("routers", "security-groups", "router-interfaces", "floating-ips")) {
                    assertEquals(missing + " on " + ep, "unsupported", status.get(missing + "@" + ep));
                }
            }

            List<JsonNode> results = stream(report.path("results")).toList();
            Set<String> crudOps = Set.of("create", "show", "update", "list", "delete");
            Set<String> listOps = Set.of("list-filter-name", "list-page-100", "list-all");
            // 3 CRUD scenarios x 5 ops + 3 port-list ops, at 2 concurrencies on 2 endpoints
            assertEquals((3 * crudOps.size() + listOps.size()) * 2 * 2, results.size());
            for (JsonNode r : results) {
                String op = r.path("op").asText();
                assertTrue(op, crudOps.contains(op) || listOps.contains(op));
                int expected = op.equals("list") || op.equals("list-all") ? 2 : 5;
                assertEquals(r.toString(), expected, r.path("ok").asInt());
                assertEquals(r.toString(), 0, r.path("errors").asInt());
            }
            assertEquals(results.size() / 2, report.path("ratios").size());
            assertEquals("everything created was deleted", 0, a.size() + b.size());
            for (FakeNeutron server : List.of(a, b)) {
                assertEquals(Set.of("fake_project_id"), server.quotas.keySet());
                assertEquals(-1, server.quotas.get("fake_project_id").path("port").asInt());
                assertEquals(7, server.quotas.get("fake_project_id").size());
            }

            String text = table.toString(StandardCharsets.UTF_8);
            assertTrue(text, text.contains("ops/s") && text.contains("a/b") && text.contains("unsupported"));
            assertEquals(results.size(), text.lines().filter(l -> l.matches("(networks|subnets|ports|port-list-30) .*"
                    + " (a|b) .*")).count());
            assertTrue(Files.readString(out.resolve("bench-report.svg")).startsWith("<svg"));
        }
    }

    @Test
    public void readsGoOnPastTheirCountForTheReadSecondsAndWritesDoNot() throws Exception {
        try (FakeNeutron a = new FakeNeutron()) {
            Path out = tmp.getRoot().toPath();
            Main.run(Settings.parse("a=" + a.url(), "--scenarios", "networks", "--concurrency", "1", "--count", "3",
                    "--list-count", "2", "--read-seconds", "1", "--warmup", "1", "--out", out.toString()),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            Map<String, JsonNode> byOp = stream(Json.MAPPER.readTree(out.resolve("bench-report.json").toFile())
                    .path("results")).collect(Collectors.toMap(r -> r.path("op").asText(), r -> r));
            for (String read : List.of("show", "list")) {
                JsonNode r = byOp.get(read);
                assertTrue(r.toString(), r.path("seconds").asDouble() >= 1 && r.path("ok").asInt() > 3);
                assertEquals(r.toString(), 0, r.path("errors").asInt());
            }
            for (String write : List.of("create", "update", "delete")) {
                assertEquals(byOp.get(write).toString(), 3, byOp.get(write).path("ok").asInt());
            }
            assertEquals("everything created was deleted", 0, a.size());
        }
    }

    @Test
    public void aReadWarmupSendsTheSameRequestsUnrecordedFirst() throws Exception {
        try (FakeNeutron a = new FakeNeutron()) {
            Settings settings = Settings.parse("a=" + a.url(), "--count", "3", "--read-seconds", "0",
                    "--read-warmup", "1");
            List<Report.OpStats> sink = new ArrayList<>();
            Session s = new Session(new Endpoint("a", a.url(), null, null, settings.timeout()), settings, "warm", sink);
            Load.Outcome o = s.measureReads("list", 1, 3, i -> Request.get("/v2.0/networks"));
            assertEquals("the measured phase is its count alone", 3, o.ok());
            assertEquals(1, sink.size());
            assertTrue("the warm-up listed too: " + a.gets.get(), a.gets.get() > 3 + 10);
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
