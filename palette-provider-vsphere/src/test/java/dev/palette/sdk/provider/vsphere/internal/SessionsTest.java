package dev.palette.sdk.provider.vsphere.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.provider.Credentials;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig;
import dev.palette.sdk.provider.vsphere.internal.vim.VimClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One session per vCenter, user and trust; a rotated password logs in anew and ends the old session. */
class SessionsTest {
    private final List<String> logins = new ArrayList<>();
    private final List<VimClient> made = new ArrayList<>();
    private final Sessions sessions = new Sessions((url, user, password, trust, timeout) -> {
        logins.add(url + " " + user);
        VimClient c = mock(VimClient.class);
        made.add(c);
        return c;
    }, Duration.ofSeconds(5), Credentials.NONE);

    private static VsphereCloudConfig cfg(String server) {
        return VsphereCloudConfig.from(CloudConfig.of("vsphere", "").withProperties(Map.of("server", server, "datacenter", "DC0",
                "computeCluster", "C0", "datastore", "ds", "network", "VM Network", "controlPlaneEndpoint", "10.0.0.1", "insecure", true)));
    }

    private static Credentials login(String password) {
        return new Credentials(Map.of("username", "ops@vsphere.local", "password", password));
    }

    @Test
    void clustersOfOneVcenterAndUserShareOneSession() {
        VimClient a = sessions.client(cfg("vc1.example.com"), login("one"));
        VimClient b = sessions.client(cfg("vc1.example.com"), login("one"));
        VimClient other = sessions.client(cfg("vc2.example.com"), login("one"));
        assertThat(b).isSameAs(a);
        assertThat(other).isNotSameAs(a);
        assertThat(logins).containsExactly("https://vc1.example.com/sdk ops@vsphere.local", "https://vc2.example.com/sdk ops@vsphere.local");
    }

    @Test
    void aRotatedPasswordLogsInAnewAndEndsTheOldSession() {
        VimClient old = sessions.client(cfg("vc1.example.com"), login("one"));
        VimClient rotated = sessions.client(cfg("vc1.example.com"), login("two"));
        assertThat(rotated).isNotSameAs(old);
        verify(old).close();
        verify(rotated, never()).close();
        sessions.close();
        verify(rotated).close();
    }

    @Test
    void withoutCredentialsNoLoginIsTried() {
        assertThatThrownBy(() -> sessions.client(cfg("vc1.example.com"), Credentials.NONE)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("username").hasMessageContaining("password");
        assertThat(logins).isEmpty();
    }
}
