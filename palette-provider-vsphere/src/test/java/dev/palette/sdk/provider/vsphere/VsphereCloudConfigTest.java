package dev.palette.sdk.provider.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Reading the vsphere cloud config: every bad field named by its path, sizes, trust, discovery. */
class VsphereCloudConfigTest {
    private static Map<String, Object> good() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server", "vcenter.example.com");
        p.put("datacenter", "DC0");
        p.put("computeCluster", "DC0_C0");
        p.put("datastore", "vsanDatastore");
        p.put("network", "VM Network");
        p.put("controlPlaneEndpoint", "10.10.0.100");
        p.put("thumbprint", "AB:".repeat(31) + "CD");
        return p;
    }

    private static List<String> paths(Map<String, Object> p) {
        return VsphereCloudConfig.check(CloudConfig.of("vsphere", "").withProperties(p)).stream().map(Violation::path).toList();
    }

    @Test
    void aGoodConfigIsReadWithItsDefaults() {
        VsphereCloudConfig c = VsphereCloudConfig.from(CloudConfig.of("vsphere", "").withProperties(good()));
        assertThat(c.server()).isEqualTo("https://vcenter.example.com/sdk");
        assertThat(c.workerNetwork()).isEqualTo("VM Network");
        assertThat(c.trust().insecure()).isFalse();
        assertThat(c.trust().thumbprint()).isPresent();
        assertThat(c.antiAffinity()).isFalse();
        assertThat(c.host()).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedByItsPathAtOnce() {
        Map<String, Object> p = good();
        p.remove("datastore");
        p.put("host", "esx-1");
        p.put("controlPlaneEndpoint", "not an address!");
        p.put("thumbprint", "12:34");
        p.put("faultDomains", Map.of("az1", 7));
        p.put("instanceTypes", Map.of("medium", Map.of("cpus", 0, "memoryMiB", 4096)));
        p.put("antiAffinity", "sometimes");
        p.put("vlan", 12);
        assertThat(VsphereCloudConfig.check(CloudConfig.of("vsphere", "eu-west").withProperties(p))).extracting(Violation::path)
                .containsExactlyInAnyOrder("properties.vlan", "region", "properties.host", "properties.datastore",
                        "properties.controlPlaneEndpoint", "properties.thumbprint", "properties.faultDomains.az1",
                        "properties.antiAffinity", "properties.instanceTypes.medium.cpus");
    }

    @Test
    void vcentersCertificateMustBeTrustedOneWayAndNeverSilentlyTrustAll() {
        Map<String, Object> none = good();
        none.remove("thumbprint");
        assertThat(VsphereCloudConfig.check(CloudConfig.of("vsphere", "").withProperties(none)))
                .singleElement().satisfies(v -> {
                    assertThat(v.path()).isEqualTo("properties.thumbprint");
                    assertThat(v.message()).contains("insecure: true").contains("explicitly");
                });
        Map<String, Object> two = good();
        two.put("insecure", true);
        assertThat(paths(two)).containsExactly("properties.insecure");
        Map<String, Object> insecure = good();
        insecure.remove("thumbprint");
        insecure.put("insecure", true);
        assertThat(paths(insecure)).isEmpty();
        Map<String, Object> ca = good();
        ca.remove("thumbprint");
        ca.put("caCertificate", "not a certificate");
        assertThat(paths(ca)).containsExactly("properties.caCertificate");
    }

    @Test
    void aComputeClusterOrAHostIsRequiredAndAntiAffinityNeedsACluster() {
        Map<String, Object> neither = good();
        neither.remove("computeCluster");
        assertThat(paths(neither)).containsExactly("properties.computeCluster");
        Map<String, Object> host = good();
        host.remove("computeCluster");
        host.put("host", "esx-1");
        host.put("antiAffinity", true);
        assertThat(paths(host)).containsExactly("properties.antiAffinity");
    }

    @Test
    void instanceTypesNameSizesOrSpellThemOut() {
        Map<String, Object> p = good();
        p.put("instanceTypes", Map.of("medium", Map.of("cpus", 4, "memoryMiB", 8192)));
        VsphereCloudConfig c = VsphereCloudConfig.from(CloudConfig.of("vsphere", "").withProperties(p));
        assertThat(c.size("medium")).contains(new Size(4, 8192));
        assertThat(c.size("2cpu-4gib")).contains(new Size(2, 4096));
        assertThat(c.size("1CPU-512MiB")).contains(new Size(1, 512));
        assertThat(c.size("m5.large")).isEmpty();
        assertThat(c.size("0cpu-4gib")).isEmpty();
    }

    @Test
    void serviceLoaderFindsTheVsphereProviderWithItsKeys() {
        List<CloudProvider> found = ServiceLoader.load(CloudProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.metadata().id().equals("vsphere")).toList();
        assertThat(found).singleElement().isInstanceOf(VsphereProvider.class);
        assertThat(found.get(0).metadata().configProperties()).containsKeys("server", "datacenter", "computeCluster",
                "datastore", "network", "controlPlaneEndpoint", "thumbprint", "faultDomains", "antiAffinity");
        assertThat(found.get(0).metadata().credentialKeys()).containsOnlyKeys("username", "password");
        found.get(0).close();
    }
}
