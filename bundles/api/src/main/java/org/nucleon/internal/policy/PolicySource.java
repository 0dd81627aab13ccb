package org.nucleon.internal.policy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force: Neutron's defaults with the operator's policy file over them, read again
 * when the file changes (as oslo.policy checks its file on use). No file means the defaults. A
 * file that cannot be read or parsed is logged and leaves the rules as they were; rules in it
 * that cannot be understood are logged and never pass.
 */
public final class PolicySource implements Supplier<PolicyRules> {
    private static final Logger LOG = LoggerFactory.getLogger(PolicySource.class);
    private static final PolicyRules DEFAULTS = PolicyRules.defaults();

    private final Path file;
    private volatile State state;

    private record State(Object version, PolicyRules rules, String error) {
    }

    /** @param file the policy file, or null for the defaults only */
    public PolicySource(Path file) {
        this.file = file;
        this.state = new State(null, DEFAULTS, null);
    }

    @Override
    public PolicyRules get() {
        if (file == null) {
            return DEFAULTS;
        }
        Object version = version();
        State s = state;
        if (Objects.equals(version, s.version())) {
            return s.rules();
        }
        synchronized (this) {
            s = state;
            if (!Objects.equals(version, s.version())) {
                state = s = load(version, s.rules());
            }
        }
        return s.rules();
    }

    /** Why the file was last refused, or null when it was read (or is absent). */
    public String error() {
        get();
        return state.error();
    }

    /**
     * Size and time of last change, or a marker for "no file". Asked at every request, so through
     * java.io.File, which answers 0 for a missing file where NIO throws (an exception per request
     * when the configured file is absent, as by default).
     */
    private Object version() {
        File f = file.toFile();
        long modified = f.lastModified();
        return modified == 0L && !f.exists() ? "absent" : modified + "/" + f.length();
    }

    private State load(Object version, PolicyRules previous) {
        Map<String, String> overrides;
        try (InputStream in = Files.newInputStream(file)) {
            overrides = PolicyRules.read(in);
        } catch (NoSuchFileException e) {
            LOG.info("policy file {} is absent: Neutron's default policy applies", file);
            return new State(version, DEFAULTS, null);
        } catch (IOException | RuntimeException e) {
            String error = "policy file " + file + " cannot be read: " + e.getMessage();
            LOG.error("{}; the policy in force stays as it was", error);
            return new State(version, previous, error);
        }
        PolicyRules rules = DEFAULTS.with(overrides);
        rules.problems().forEach(p -> LOG.warn("{} (policy file {})", p, file));
        LOG.info("policy file {} read: {} rules override Neutron's defaults", file, overrides.size());
        return new State(version, rules, null);
    }
}
