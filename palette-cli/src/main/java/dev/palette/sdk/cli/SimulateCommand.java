package dev.palette.sdk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palette.sdk.benchmarks.ScaleHarness;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code palette simulate}: the scale harness on the simulated cloud, with a progress bar. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Create N clusters on the simulated cloud, wait until all are Ready, roll an instance-type change "
                + "over all of them, delete them all; print times, passes, provider calls and heap.")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--clusters", defaultValue = "100", description = "Clusters (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--control-planes", defaultValue = "1", description = "Control-plane machines per cluster (default ${DEFAULT-VALUE}).")
    int controlPlanes;

    @Option(names = "--workers", defaultValue = "3", description = "Workers per cluster (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--latency", defaultValue = "0", description = "Simulated latency of each provider call, in ms (default ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--boot-delay", defaultValue = "0", description = "Simulated machine boot time, in ms (default ${DEFAULT-VALUE}).")
    long bootMs;

    @Option(names = "--poll", defaultValue = "100", paramLabel = "MS",
            description = "How often the engine looks at booting machines, in ms (default ${DEFAULT-VALUE}).")
    long pollMs;

    @Option(names = "--store", defaultValue = "memory", paramLabel = "memory|h2|JDBC_URL",
            description = "Where the clusters are kept (default ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--idle-seconds", defaultValue = "0",
            description = "After converging, watch the engine's CPU use this long with nothing changing (default ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Option(names = "--linearity", description = "Run N and then 2N clusters and report converge(2N) / converge(N).")
    boolean linearity;

    @Option(names = "--json", description = "Print one JSON object and no progress bar.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ScaleHarness.Options o = new ScaleHarness.Options(clusters, controlPlanes, workers, Duration.ofMillis(latencyMs),
                Duration.ofMillis(bootMs), Duration.ofMillis(pollMs), store, Duration.ofSeconds(idleSeconds));
        Map<String, Object> r = linearity ? ScaleHarness.linearity(o, json ? null : SimulateCommand::progress)
                : ScaleHarness.run(o, json ? null : SimulateCommand::progress);
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            System.err.println();
            r.forEach((k, v) -> System.out.printf("%-24s %s%n", k, v));
        }
        return 0;
    }

    private static void progress(String phase, int[] counts) {
        int width = 40;
        int filled = counts[1] == 0 ? width : counts[0] * width / counts[1];
        System.err.printf("\r%-9s [%s%s] %d/%d", phase, "#".repeat(filled), " ".repeat(width - filled), counts[0], counts[1]);
    }
}
