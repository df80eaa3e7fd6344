package dev.palette.sdk.cli;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.scan.CheckResult;
import dev.palette.sdk.api.scan.ScanReport;
import dev.palette.sdk.api.scan.ScanTotals;
import dev.palette.sdk.core.scan.KubeBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code palette scan ...}: CIS benchmark scan results (kube-bench). */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "CIS benchmark scan results (kube-bench).",
        subcommands = {ScanCommand.Report.class})
public final class ScanCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code palette scan report FILE}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Print the totals per node type and the failing checks of a saved kube-bench JSON file "
                    + "(either of its shapes); exit 1 if the file cannot be read, 2 if a check failed.")
    public static final class Report implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "kube-bench --json output.")
        Path file;

        @Override
        public Integer call() {
            ScanReport r;
            try {
                r = KubeBench.parse(Files.readString(file), "");
            } catch (IOException e) {
                System.err.println(file + ": cannot read: " + e.getMessage());
                return 1;
            } catch (ValidationException e) {
                Checks.printProblems(file, e);
                return 1;
            }
            System.out.printf("%s: benchmark %s%n%n", file, r.benchmark());
            System.out.printf("%-14s %6s %6s %6s %6s%n", "node type", "pass", "fail", "warn", "info");
            for (Map.Entry<String, ScanTotals> e : r.totalsByNodeType().entrySet()) {
                row(e.getKey(), e.getValue());
            }
            row("total", r.totals());
            if (r.totals().fail() > r.failures().size()) {
                System.out.printf("%n%d checks failed; the file lists %d of them%n", r.totals().fail(), r.failures().size());
            }
            if (!r.failures().isEmpty()) {
                System.out.printf("%nfailing checks:%n");
                for (CheckResult f : r.failures()) {
                    System.out.printf("  %-8s %s%n", f.id(), f.text());
                    if (!f.remediation().isBlank()) {
                        System.out.printf("           fix: %s%n", f.remediation().strip().replace("\n", "\n                "));
                    }
                }
            }
            return r.totals().fail() > 0 ? 2 : 0;
        }

        private static void row(String name, ScanTotals t) {
            System.out.printf("%-14s %6d %6d %6d %6d%n", name, t.pass(), t.fail(), t.warn(), t.info());
        }
    }
}
