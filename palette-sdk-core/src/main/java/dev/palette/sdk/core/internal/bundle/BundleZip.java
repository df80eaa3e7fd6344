package dev.palette.sdk.core.internal.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a collected bundle as a zip, in the order given, up to a size limit of content: what does not fit
 * is listed in {@code missing.txt} with the rest of what is missing. Written to a temporary file and moved
 * into place, so a reader never sees half a zip.
 */
public final class BundleZip {
    private BundleZip() {
    }

    /**
     * Writes the zip.
     *
     * @param file where
     * @param collected what
     * @param maxBytes the most content
     * @return what is missing, the size limit's casualties included
     * @throws IOException if the file cannot be written
     */
    public static List<String> write(Path file, LogBundler.Collected collected, long maxBytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".bundle-", ".zip");
        List<String> missing = new ArrayList<>(collected.missing());
        long used = 0;
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, String> e : collected.entries().entrySet()) {
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                if (used + data.length > maxBytes) {
                    missing.add(e.getKey() + ": left out, the bundle's size limit of " + maxBytes / (1024 * 1024) + " MiB was reached");
                    continue;
                }
                used += data.length;
                put(zip, e.getKey(), data);
            }
            if (!missing.isEmpty()) {
                put(zip, "missing.txt", (String.join("\n", missing) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return missing;
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }
}
