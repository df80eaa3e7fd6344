package dev.palette.sdk.core.pack.internal;

import dev.palette.sdk.api.error.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reading the text files of a pack folder, on any file system (a directory, or one inside a jar). */
public final class PackFiles {
    private PackFiles() {
    }

    /**
     * The name of a folder as the user knows it, without the trailing slash zip file systems add.
     *
     * @param dir the folder
     * @return its name
     */
    public static String folderName(Path dir) {
        Path name = dir.getFileName();
        String s = name == null ? dir.toString() : name.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * A UTF-8 text file, without a leading byte-order mark.
     *
     * @param file the file
     * @param source its name in messages
     * @param problems where a file that is not UTF-8 text is reported
     * @return the text, or empty when the file is missing or unreadable as text
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public static Optional<String> text(Path file, String source, List<Violation> problems) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            problems.add(Violation.of(source, "is not UTF-8 text"));
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
