package org.nucleon.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Entry point: runs the benchmark, prints the table, writes bench-report.json and bench-report.svg. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || java.util.List.of(args).contains("--help")) {
            System.out.printf(Settings.USAGE, scenarioNames());
            return;
        }
        Settings settings;
        try {
            settings = Settings.parse(args);
            Scenarios.select(settings); // reject unknown names before touching any server
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.printf(Settings.USAGE, scenarioNames());
            System.exit(2);
            return;
        }
        run(settings, System.out, System.err);
    }

    /** Runs and writes the report files; returns the report for callers such as the smoke test. */
    static Report run(Settings settings, PrintStream out, PrintStream log) throws InterruptedException, IOException {
        Report report = new Bench(settings, log).run();
        out.print(Table.render(report));
        Files.createDirectories(settings.out());
        Path json = settings.out().resolve("bench-report.json");
        Json.MAPPER.writeValue(json.toFile(), report);
        Path svg = settings.out().resolve("bench-report.svg");
        Files.writeString(svg, SvgChart.render(report));
        log.println("wrote " + json + " and " + svg);
        return report;
    }

    private static String scenarioNames() {
        return String.join(",", Scenarios.all(Settings.parse("x=http://127.0.0.1")).stream()
                .map(Scenarios.Def::name).toList());
    }
}
