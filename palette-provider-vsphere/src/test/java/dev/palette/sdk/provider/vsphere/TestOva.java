package dev.palette.sdk.provider.vsphere;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** An OVA of our own for the tests: the test OVF descriptor and a stand-in disk, in a tar as OVAs are. */
final class TestOva {
    private TestOva() {
    }

    /**
     * Writes the OVA.
     *
     * @param file where
     * @return the file
     * @throws IOException if it cannot be written
     */
    static Path write(Path file) throws IOException {
        byte[] descriptor;
        try (InputStream in = TestOva.class.getResourceAsStream("/ova/palette-test-ubuntu.ovf")) {
            descriptor = in.readAllBytes();
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("palette-test-ubuntu.ovf", descriptor); // the descriptor comes first in an OVA
        files.put("palette-test-ubuntu-disk1.vmdk", "palette test disk\n".repeat(200).getBytes(StandardCharsets.US_ASCII));
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
