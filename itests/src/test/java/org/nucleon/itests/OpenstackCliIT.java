package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Debian's real {@code openstack} CLI (python3-openstackclient, no auth) against the running
 * distribution: every command succeeds and its output says what it should.
 */
public class OpenstackCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KarafProcess karaf;
    private static Path clouds;

    @BeforeClass
    public static void start() throws Exception {
        karaf = new KarafProcess("dist-cli");
        karaf.start();
        clouds = Files.createTempFile("clouds", ".yaml");
        Files.writeString(clouds, "clouds:\n  nucleon:\n    auth_type: none\n    auth:\n      endpoint: "
                + karaf.baseUrl() + "/\n    network_endpoint_override: " + karaf.baseUrl()
                + "/\n    region_name: RegionOne\n");
    }

    @AfterClass
    public static void stop() throws Exception {
        karaf.close();
        Files.deleteIfExists(clouds);
    }

    /** Runs {@code openstack <args>}; fails the test unless it exits 0. Returns stdout. */
    static String openstack(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openstack"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OS_CLIENT_CONFIG_FILE", clouds.toString());
        pb.environment().put("OS_CLOUD", "nucleon");
        pb.redirectErrorStream(false);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue("openstack " + String.join(" ", args) + " timed out", p.waitFor(120, TimeUnit.SECONDS));
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertEquals("openstack " + String.join(" ", args) + ": " + new String(err, StandardCharsets.UTF_8), 0,
                p.exitValue());
        return stdout;
    }

    static Map<?, ?> json(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("-f", "json"));
        return JSON.readValue(openstack(a.toArray(String[]::new)), Map.class);
    }

    static List<?> jsonList(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("-f", "json"));
        return JSON.readValue(openstack(a.toArray(String[]::new)), List.class);
    }

    @Test
    public void networkLifecycle() throws Exception {
        Map<?, ?> created = json("network", "create", "cli-net", "--disable");
        assertEquals("cli-net", created.get("name"));
        assertEquals(false, created.get("admin_state_up"));
        String id = (String) created.get("id");

        assertTrue(jsonList("network", "list").stream().anyMatch(n -> id.equals(((Map<?, ?>) n).get("ID"))));
        openstack("network", "set", "--name", "cli-net-2", "--enable", id);
        Map<?, ?> shown = json("network", "show", id);
        assertEquals("cli-net-2", shown.get("name"));
        assertEquals(true, shown.get("admin_state_up"));
        assertEquals("fake_project_id", shown.get("project_id"));

        openstack("network", "delete", id);
        assertTrue(jsonList("network", "list").stream().noneMatch(n -> id.equals(((Map<?, ?>) n).get("ID"))));
    }
}
