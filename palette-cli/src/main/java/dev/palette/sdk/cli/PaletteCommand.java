package dev.palette.sdk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code palette} command: subcommands for trying, inspecting and measuring the SDK. */
@Command(name = "palette", mixinStandardHelpOptions = true, version = "palette 0.1.0-SNAPSHOT",
        description = "Provision and run Kubernetes clusters from cluster profiles (Palette SDK).",
        subcommands = {QuickstartCommand.class, ClustersCommand.class, PlanCommand.class, SimulateCommand.class, PackCommand.class, ProfileCommand.class,
            PreflightCommand.class, ScanCommand.class, UsageCommand.class,
            CommandLine.HelpCommand.class})
public final class PaletteCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PaletteCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
