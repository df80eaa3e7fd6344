package dev.palette.sdk.cli;

import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.pack.PackReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code palette pack ...}: work with pack folders. */
@Command(name = "pack", mixinStandardHelpOptions = true, description = "Work with pack folders.",
        subcommands = PackCommand.Validate.class)
public final class PackCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code palette pack validate DIR...}: read each pack folder and print every problem with its location. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Read pack folders (pack.json, values.yaml, schema, manifests); print every problem with its "
                    + "file and line; exit 1 if any pack has one.")
    public static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Pack folders.")
        List<Path> dirs;

        @Override
        public Integer call() {
            return Checks.run(dirs, "pack", dir -> {
                Pack p = PackReader.read(dir);
                return p.name() + " " + p.version() + " (" + p.layer().packJsonName() + ")";
            });
        }
    }
}
