package dev.palette.sdk.provider.vsphere.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The cluster's own VM folder, {@code palette-<cluster id>}, in the configured parent folder. */
final class Folders {
    private final Scope s;

    Folders(Scope s) {
        this.s = s;
    }

    /** The folder, made if missing. */
    CompletableFuture<String> ensure() {
        return s.vc().run(() -> s.vim().findFolder(s.placement().folder(), s.folderName())
                .orElseGet(() -> s.vim().createFolder(s.placement().folder(), s.folderName())));
    }

    /** The folder, if it exists. */
    CompletableFuture<Optional<String>> find() {
        return s.vc().run(() -> s.vim().findFolder(s.placement().folder(), s.folderName()));
    }
}
