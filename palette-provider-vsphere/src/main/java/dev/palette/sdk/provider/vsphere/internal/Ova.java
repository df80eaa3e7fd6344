package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.error.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OVA unpacked into a temporary directory: its OVF descriptor and the files (disks) it refers to. The OVA
 * comes from an http(s) address (downloaded first), a {@code file:} address or a local path. Closing deletes
 * the directory.
 */
final class Ova implements AutoCloseable {
    private final Path dir;
    private final String descriptor;
    private final Map<String, Path> files;

    private Ova(Path dir, String descriptor, Map<String, Path> files) {
        this.dir = dir;
        this.descriptor = descriptor;
        this.files = files;
    }

    /** Whether an OS pack's image names an OVA rather than an existing template. */
    static boolean isPackage(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("file:") || s.endsWith(".ova");
    }

    /** Fetches and unpacks an OVA (a blocking call). */
    static Ova open(String source) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("palette-ova-");
            Path archive;
            String lower = source.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                archive = dir.resolve("package.ova");
                HttpResponse<Path> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(30)).build()
                        .send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofHours(2)).build(),
                                HttpResponse.BodyHandlers.ofFile(archive));
                if (r.statusCode() != 200) {
                    throw ProviderException.retryable("downloading the OVA " + source + " failed with HTTP " + r.statusCode());
                }
            } else {
                archive = lower.startsWith("file:") ? Path.of(URI.create(source)) : Path.of(source);
            }
            String descriptor = null;
            Map<String, Path> files = new LinkedHashMap<>();
            try (InputStream in = Files.newInputStream(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    String name = Path.of(e.getName()).getFileName().toString();
                    if (!e.isFile() || name.startsWith(".")) {
                        continue;
                    }
                    if (name.toLowerCase(Locale.ROOT).endsWith(".ovf")) {
                        descriptor = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                    } else {
                        Path target = dir.resolve("f-" + files.size());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        files.put(name, target);
                    }
                }
            }
            if (descriptor == null) {
                throw ProviderException.permanent("the OVA " + source + " holds no .ovf descriptor");
            }
            return new Ova(dir, descriptor, files);
        } catch (IOException e) {
            delete(dir);
            throw ProviderException.retryable("reading the OVA " + source + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delete(dir);
            throw ProviderException.retryable("reading the OVA " + source + " was interrupted");
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    String descriptor() {
        return descriptor;
    }

    Map<String, Path> files() {
        return files;
    }

    @Override
    public void close() {
        delete(dir);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory; the OS cleans what is left
        }
    }
}
