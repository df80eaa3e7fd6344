package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.core.pack.internal.ProfileRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes profiles in the shapes {@link ProfileReader} reads, so that read, write, read gives equal
 * profiles. Each pack is written as an entry with its name, type, layer, registry, version and values:
 * the pack's own values text verbatim when the profile has no overrides for it (so a profile that was
 * read keeps its values' comments), else the pack's values merged with the profile's overrides
 * ({@link dev.palette.sdk.api.model.ClusterProfile#packValues()}) as YAML.
 */
public final class ProfileWriter {
    private ProfileWriter() {
    }

    /**
     * Writes a document in its format.
     *
     * @param doc the document
     * @return the text
     * @throws ValidationException if a profile cannot be expressed in that format (a chart list holds
     *     add-on profiles only)
     */
    public static String write(ProfileDocument doc) {
        return ProfileRenderer.render(doc);
    }

    /**
     * Writes one profile in a format.
     *
     * @param profile the profile
     * @param format the format
     * @return the text
     * @throws ValidationException if the profile cannot be expressed in that format
     */
    public static String write(ClusterProfile profile, ProfileFormat format) {
        return write(ProfileDocument.of(format, profile));
    }

    /**
     * Writes a document to a file, replacing it.
     *
     * @param doc the document
     * @param file the file
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(ProfileDocument doc, Path file) {
        try {
            Files.writeString(file, write(doc), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
