package dev.palette.sdk.cli;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.registry.PackRegistry;
import dev.palette.sdk.core.pack.DirectoryPackRegistry;
import dev.palette.sdk.core.pack.ProfileReader;
import dev.palette.sdk.core.pack.ProfileResolver;
import dev.palette.sdk.core.pack.ProfileRules;
import dev.palette.sdk.core.pack.ResolvedProfile;
import dev.palette.sdk.samples.SamplePacks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code palette profile ...}: read, check and show cluster profiles. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Read, check and show cluster profiles.",
        subcommands = {ProfileCommand.Validate.class, ProfileCommand.Show.class})
public final class ProfileCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Where a profile's packs come from. */
    static final class Packs {
        @Option(names = "--packs", paramLabel = "DIR",
                description = "Folder of pack folders the profile's packs come from (default: the sample packs).")
        Path dir;

        PackRegistry registry() {
            return dir == null ? SamplePacks.registry() : DirectoryPackRegistry.open(dir);
        }
    }

    static ResolvedProfile load(Path file, PackRegistry registry) {
        ClusterProfile p = new ProfileResolver(registry).complete(ProfileReader.readProfile(file));
        String cloudType = p.cloudType().equals(dev.palette.sdk.api.model.Pack.ALL_CLOUDS) ? null : p.cloudType();
        List<dev.palette.sdk.api.error.Violation> rules = ProfileRules.check(p, cloudType, file.getFileName().toString());
        if (!rules.isEmpty()) {
            throw new ValidationException(rules);
        }
        return ResolvedProfile.of(p, Map.of(), Map.of());
    }

    /** {@code palette profile validate FILE...}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Read profiles, resolve their packs and values; print every problem with its location; "
                    + "exit 1 if any profile has one.")
    public static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Profile files (JSON or YAML).")
        List<Path> files;

        @picocli.CommandLine.Mixin
        Packs packs = new Packs();

        @Override
        public Integer call() {
            PackRegistry registry = packs.registry();
            return Checks.run(files, "profile", f -> {
                ResolvedProfile r = load(f, registry);
                return r.profile().name() + " " + r.profile().version() + " (" + r.layers().size() + " layers)";
            });
        }
    }

    /** {@code palette profile show FILE}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a profile's layers in order with their merged values.")
    public static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A profile file (JSON or YAML).")
        Path file;

        @picocli.CommandLine.Mixin
        Packs packs = new Packs();

        @Override
        public Integer call() throws Exception {
            try {
                ResolvedProfile r = load(file, packs.registry());
                System.out.printf("profile %s %s (cloud type %s)%n", r.profile().name(), r.profile().version(), r.profile().cloudType());
                for (ResolvedProfile.ResolvedPack layer : r.layers()) {
                    System.out.printf("%n--- %s: %s %s%n", layer.pack().layer().packJsonName(), layer.pack().name(), layer.pack().version());
                    String yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(layer.values());
                    System.out.print(yaml.startsWith("---") ? yaml.substring(yaml.indexOf('\n') + 1) : yaml);
                }
                return 0;
            } catch (ValidationException e) {
                Checks.printProblems(file, e);
                return 1;
            }
        }
    }
}
