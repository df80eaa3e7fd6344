package dev.palette.sdk.cli;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.workload.NodeCondition;
import dev.palette.sdk.api.workload.NodeUsage;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.usage.ClusterUsage;
import dev.palette.sdk.core.usage.UsagePolicy;
import dev.palette.sdk.core.usage.UsageSample;
import dev.palette.sdk.samples.SamplePacks;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimUsage;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Minute;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code palette usage}: a cluster's usage on the built-in simulated cloud, after a stretch of virtual time
 * under a synthetic load — the table now and the CPU and memory history as a chart.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Run a cluster on the simulated cloud under a synthetic load for a while (virtual time), then print its "
                + "usage per node and draw the CPU and memory history as a PNG chart.")
public final class UsageCommand implements Callable<Integer> {
    private static final long GIB = 1L << 30;

    @Option(names = "--minutes", defaultValue = "120", description = "Virtual minutes of load (default ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--workers", defaultValue = "3", description = "Workers (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--all-nodes", description = "Count the control-plane node too (default: workers only).")
    boolean allNodes;

    @Option(names = "--chart", defaultValue = "usage.png", paramLabel = "FILE", description = "The chart (default ${DEFAULT-VALUE}).")
    Path chart;

    @Override
    public Integer call() throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // the chart is drawn off screen, also where there is no display
        }
        VirtualClock clock = new VirtualClock();
        SimCloud cloud = SimCloud.builder().time(clock).build();
        ClusterSpec spec = ClusterSpec.builder().profile(SamplePacks.quickstartProfile()).cloud(CloudConfig.of("sim", "sim-east-1"))
                .controlPlane(1, "sim.large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(workers).instanceType("sim.medium").build()).build();
        try (PaletteEngine engine = PaletteEngine.builder().clock(clock).discoverProviders(false).provider(new SimProvider(cloud))
                .workloadAccess(new SimWorkloadClusterAccess(cloud))
                .usagePolicy(new UsagePolicy(90, 90, 90, Duration.ofMinutes(10), Math.max(2, minutes + 1))).build()) {
            engine.start();
            Cluster c = engine.clusters().create("usage", spec);
            SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady(), Duration.ofHours(1));
            long start = clock.instant().toEpochMilli();
            cloud.usage(c.id(), (node, cp, at) -> load(node, cp, (at.toEpochMilli() - start) / 60_000.0));
            SimHarness.runFor(engine, clock, Duration.ofMinutes(minutes));
            ClusterUsage u = engine.clusters().usage(c.id(), allNodes).orElseThrow();
            print(u);
            draw(u, allNodes ? "all nodes" : "workers", chart);
            System.out.printf("%nchart: %s (%d samples, one a minute)%n", chart.toAbsolutePath(), u.history().size());
            return 0;
        }
    }

    /** A daily-looking rise and fall, compressed into two hours, with each node a little apart. */
    private static NodeUsage load(String node, boolean cp, double minute) {
        double phase = Math.floorMod(node.hashCode(), 7) / 7.0;
        double cpu = cp ? 25 + 5 * Math.sin(minute / 9) : 45 + 35 * Math.sin(2 * Math.PI * (minute / 120 + phase / 6)) + 5 * Math.sin(minute / 3);
        double mem = cp ? 40 : 55 + 15 * Math.sin(2 * Math.PI * (minute / 120 + phase / 6) - 0.6);
        cpu = Math.max(2, Math.min(99, cpu));
        return new NodeUsage(node, cp, SimUsage.CORES, SimUsage.CORES * cpu / 100, cp ? 1.0 : 2.5, SimUsage.MEMORY,
                (long) (SimUsage.MEMORY * mem / 100), cp ? 4 * GIB : 9 * GIB, SimUsage.DISK, (long) (SimUsage.DISK * (cp ? 0.3 : 0.45)),
                List.of());
    }

    private static void print(ClusterUsage u) {
        UsageSample s = u.now();
        System.out.printf("%-28s %15s %6s %9s %17s %6s %9s %6s  %s%n", "node", "cpu used/alloc", "cpu%", "cpu req", "memory used/alloc",
                "mem%", "mem req", "disk%", "conditions");
        for (NodeUsage n : u.nodes()) {
            row(n.name(), n.cpuUsedCores(), n.cpuCapacityCores(), n.cpuRequestedCores(), n.memoryUsedBytes(), n.memoryCapacityBytes(),
                    n.memoryRequestedBytes(), n.diskCapacityBytes() == 0 ? 0 : 100.0 * n.diskUsedBytes() / n.diskCapacityBytes(),
                    n.conditions().stream().filter(k -> !k.type().equals("Ready") ? k.status().equals("True") : true)
                            .map(UsageCommand::condition).collect(Collectors.joining(",")));
        }
        row("total (" + s.nodes() + " nodes)", s.cpuUsedCores(), s.cpuCapacityCores(), s.cpuRequestedCores(), s.memoryUsedBytes(),
                s.memoryCapacityBytes(), s.memoryRequestedBytes(), s.diskPercent(), "");
    }

    private static String condition(NodeCondition k) {
        return k.type().equals("Ready") ? (k.status().equals("True") ? "Ready" : "NotReady") : k.type();
    }

    private static void row(String name, double cpuUsed, double cpuCap, double cpuReq, long memUsed, long memCap, long memReq, double disk,
                            String conds) {
        System.out.printf(Locale.ROOT, "%-28s %7.2f/%-7.2f %5.1f%% %9.2f %8.1f/%-8.1f %5.1f%% %8.1fG %5.1f%%  %s%n", name, cpuUsed, cpuCap,
                cpuCap == 0 ? 0 : 100 * cpuUsed / cpuCap, cpuReq, memUsed / (double) GIB, memCap / (double) GIB,
                memCap == 0 ? 0 : 100.0 * memUsed / memCap, memReq / (double) GIB, disk, conds);
    }

    static void draw(ClusterUsage u, String which, Path file) throws IOException {
        TimeSeries cpu = new TimeSeries("CPU %");
        TimeSeries mem = new TimeSeries("Memory %");
        for (UsageSample s : u.history()) {
            Minute m = new Minute(Date.from(s.at()), java.util.TimeZone.getTimeZone("UTC"), Locale.ROOT);
            cpu.addOrUpdate(m, s.cpuPercent());
            mem.addOrUpdate(m, s.memoryPercent());
        }
        TimeSeriesCollection data = new TimeSeriesCollection(java.util.TimeZone.getTimeZone("UTC"));
        data.addSeries(cpu);
        data.addSeries(mem);
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Cluster usage: " + which + " (" + u.now().nodes() + " nodes)", "time (UTC)",
                "% of allocatable", data, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setSeriesPaint(0, new Color(0x1f77b4));
        r.setSeriesPaint(1, new Color(0xff7f0e));
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesStroke(1, new BasicStroke(2f));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 450);
    }
}
