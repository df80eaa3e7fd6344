package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.core.pack.internal.PackFiles;
import dev.palette.sdk.core.pack.internal.ProfileParser;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads cluster profiles in every shape they are published in ({@link ProfileFormat}): Palette's export
 * JSON ({@code metadata} + {@code spec.template.packs}, also as YAML), the Terraform modules' flat YAML
 * exports, add-on profiles without a {@code cloudType}, and top-level YAML lists of add-on profiles with
 * {@code charts}. The shape is told from the content, JSON from YAML by the file name.
 *
 * <p>Each pack of the profile is a reference, as the file has it: name, version (an unquoted YAML
 * {@code 18.04} or {@code 20.10} is kept as written), layer, registry name, and the entry's values as
 * text ({@link dev.palette.sdk.api.model.Pack#valuesYaml()}, verbatim, comments included) and as a tree:
 * these are the profile's overrides for that pack. The packs' own contents come from a registry when the
 * profile is resolved ({@link ProfileResolver}). An entry's {@code type} other than the shape's default
 * is kept in the reference's annotations under {@value #PACK_TYPE}. Terraform placeholders such as
 * {@code ${mongoreplicas}} are kept as written. Variables ({@code spec.variables}) become the profile's
 * variables, each with its {@code defaultValue}; one without a default must be given by the cluster.
 */
public final class ProfileReader {
    /** The annotation of a pack reference holding the entry's {@code type} when it is not the shape's default. */
    public static final String PACK_TYPE = ProfileParser.PACK_TYPE;

    private ProfileReader() {
    }

    /**
     * Reads a profile file.
     *
     * @param file the file ({@code .json}, {@code .yaml} or {@code .yml}; any file system)
     * @return the profiles and the shape they were written in
     * @throws ValidationException with every problem, each located by {@code file:line:column}
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ProfileDocument read(Path file) {
        String name = PackFiles.folderName(file);
        List<dev.palette.sdk.api.error.Violation> problems = new ArrayList<>();
        String text = PackFiles.text(file, name, problems)
                .orElseThrow(() -> problems.isEmpty() ? new UncheckedIOException(new java.io.FileNotFoundException(file.toString()))
                        : new ValidationException(problems));
        return parse(name, text);
    }

    /**
     * Parses profile text.
     *
     * @param fileName the file name, for messages and to tell JSON ({@code .json}) from YAML
     * @param text the text
     * @return the profiles and the shape they were written in
     * @throws ValidationException with every problem
     */
    public static ProfileDocument parse(String fileName, String text) {
        return ProfileParser.parse(fileName, text);
    }

    /**
     * Reads a file holding one profile.
     *
     * @param file the file
     * @return the profile
     * @throws ValidationException with every problem, or when the file holds several profiles
     */
    public static ClusterProfile readProfile(Path file) {
        return read(file).profile();
    }
}
