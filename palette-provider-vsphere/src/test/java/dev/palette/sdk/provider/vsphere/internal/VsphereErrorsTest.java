package dev.palette.sdk.provider.vsphere.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import dev.palette.sdk.provider.vsphere.internal.vim.VimFault;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** vCenter's faults become the engine's exceptions, with vCenter's text. */
class VsphereErrorsTest {
    @Test
    void capacityFaultsAreQuotaErrorsWithVcentersMessage() {
        PaletteException e = VsphereErrors.map("cloning workers-a", new CompletionException(
                new VimFault("NoDiskSpace", "There is not enough space on the file system for the selected operation.", null)));
        assertThat(e).isInstanceOf(QuotaExceededException.class)
                .hasMessageStartingWith("vCenter: There is not enough space on the file system").hasMessageContaining("cloning workers-a");
        assertThat(e.retryable()).isTrue();
        assertThat(VsphereErrors.map("x", new VimFault("InsufficientMemoryResourcesFault", "m", null)))
                .isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void loginsAndPermissionsAreAccessErrors() {
        assertThat(VsphereErrors.map("logging in", new VimFault("InvalidLogin", "Cannot complete login due to an incorrect user name or password.", null)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("incorrect user name or password");
        assertThat(VsphereErrors.map("cloning", new VimFault("NoPermission", "Permission to perform this operation was denied.", null)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void taskFailuresCarryTheFaultsTextAndTransientOnesAreRetried() {
        PaletteException failed = VsphereErrors.map("powering on workers-b", new VimFault("FileNotFound",
                "File [LocalDS_0] workers-b/workers-b.vmx was not found", null));
        assertThat(failed).isInstanceOf(ProviderException.class)
                .hasMessage("powering on workers-b: File [LocalDS_0] workers-b/workers-b.vmx was not found");
        assertThat(failed.retryable()).isFalse();
        assertThat(((ProviderException) failed).errorCode()).contains("FileNotFound");
        assertThat(VsphereErrors.map("listing", new VimFault(VimFault.UNREACHABLE, "vCenter could not be reached", null)).retryable())
                .isTrue();
        assertThat(VsphereErrors.map("listing", new VimFault("TaskInProgress", "", null)).retryable()).isTrue();
    }
}
