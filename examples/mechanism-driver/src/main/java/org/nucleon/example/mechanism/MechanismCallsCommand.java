package org.nucleon.example.mechanism;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code example:mechanism-calls}: what the example driver was called with, oldest first. */
@Command(scope = "example", name = "mechanism-calls", description = "Calls the example mechanism driver received")
@Service
public class MechanismCallsCommand implements Action {
    @Reference
    ExampleMechanismDriver driver;

    @Override
    public Object execute() {
        driver.calls().forEach(System.out::println);
        return null;
    }
}
