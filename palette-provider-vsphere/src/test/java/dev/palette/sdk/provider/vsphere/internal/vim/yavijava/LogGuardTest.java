package dev.palette.sdk.provider.vsphere.internal.vim.yavijava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.provider.vsphere.internal.VsphereErrors;
import dev.palette.sdk.provider.vsphere.internal.vim.VimFault;
import org.junit.jupiter.api.Test;

/** The provider will not talk to vCenter while yavijava would log whole requests. */
class LogGuardTest {
    @Test
    void atTraceEveryCallIsRefusedNamingTheLoggers() {
        VimFault f = catchThrowableOfType(() -> new LogGuard(() -> true).check(), VimFault.class);
        assertThat(f.fault()).isEqualTo("LoggingUnsafe");
        assertThat(f.getMessage()).contains("com.vmware.vim25.ws").contains("DEBUG");
        assertThat(VsphereErrors.map("creating machine workers-a", f)).isInstanceOf(ProviderException.class)
                .satisfies(e -> assertThat(((ProviderException) e).retryable()).isFalse());
    }

    @Test
    void belowTraceCallsGoAhead() {
        assertThatCode(() -> new LogGuard(() -> false).check()).doesNotThrowAnyException();
    }

    @Test
    void theDefaultGuardReadsTheHostsLoggers() {
        // The tests' own configuration keeps yavijava's loggers below TRACE.
        assertThatCode(() -> new LogGuard().check()).doesNotThrowAnyException();
    }
}
