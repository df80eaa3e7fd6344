package dev.palette.sdk.samples;

import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.core.pack.PackCatalog;
import dev.palette.sdk.core.pack.ProfileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sample packs and profile shipped in this jar: ubuntu-sim 22.04, kubernetes 1.33.6 (CIS-hardened
 * kubeadm values), cni-calico 3.31.2 and csi-sim 1.0.0, and the {@code quickstart-sim} profile that
 * stacks them. They are read with the same readers a host uses for its own pack folders.
 */
public final class SamplePacks {
    private static final String ROOT = "/dev/palette/sdk/samples";

    private SamplePacks() {
    }

    /**
     * Every sample pack.
     *
     * @return the catalog
     */
    public static PackCatalog catalog() {
        return PackCatalog.fromDirectory(resource(ROOT + "/packs"));
    }

    /**
     * The quickstart profile, its packs resolved from {@link #catalog()}.
     *
     * @return the profile
     */
    public static ClusterProfile quickstartProfile() {
        return ProfileReader.read(resource(ROOT + "/profiles/quickstart-sim.yaml"), catalog());
    }

    /** A path to a resource of this jar, whether it runs from a folder or from a (shaded) jar. */
    static Path resource(String name) {
        URL url = SamplePacks.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("sample resource " + name + " is missing from the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath(name);
            }
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + url, e);
        }
    }
}
