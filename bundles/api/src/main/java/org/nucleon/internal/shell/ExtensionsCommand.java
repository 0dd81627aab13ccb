package org.nucleon.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.ExtensionManager;

/** {@code nucleon:extensions}: the active extensions, and the inactive ones with the reason. */
@Command(scope = "nucleon", name = "extensions", description = "Lists API extensions: active, and inactive with why")
@Service
public class ExtensionsCommand implements Action {
    @Reference
    ExtensionManager extensions;

    @Option(name = "-i", aliases = "--inactive", description = "Only the inactive extensions")
    boolean inactiveOnly;

    @Override
    public Object execute() {
        ApiSnapshot s = extensions.snapshot();
        if (!inactiveOnly) {
            System.out.println("Active:");
            s.extensions().forEach(e -> System.out.printf("  %-32s %s%n", e.alias(), e.name()));
            System.out.println("Collections:");
            s.routes().forEach(r -> System.out.printf("  %-32s /v2.0%s%n", r.collection(), r.path("{id}")));
        }
        System.out.println("Inactive:");
        s.inactive().forEach((alias, why) -> System.out.printf("  %-32s %s%n", alias, why));
        return null;
    }
}
