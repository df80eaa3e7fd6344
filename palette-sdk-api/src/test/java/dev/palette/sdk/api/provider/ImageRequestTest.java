package dev.palette.sdk.api.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.model.ImageReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder's user data every provider launches its image builder with. */
class ImageRequestTest {
    private final ImageRequest req = new ImageRequest(ImageReference.of("aws", "us-east-1", "ami-0abc"), "f00d", List.of("cis-l1"),
            true, "1.33.6");

    @Test
    void theBuilderInstallsKubernetesRunsTheRolesRecordsTheSignatureThenPowersOff() {
        String ud = req.builderUserData();
        assertThat(ud).startsWith("#cloud-config\n# Palette image build f00d\n")
                .contains("https://pkgs.k8s.io/core:/stable:/v1.33/deb/")
                .contains("apt-get install -y kubelet=1.33.6-* kubeadm=1.33.6-* kubectl=1.33.6-*")
                .contains("'name=cis-l1', -e, 'ansible_roles_path=/etc/palette/roles'")
                .contains("echo f00d > /etc/palette/image-signature")
                .endsWith("power_state:\n  mode: poweroff\n  message: Palette image build done\n  condition: true\n");
        assertThat(ud.indexOf("apt-get install")).isLessThan(ud.indexOf("include_role"));
    }

    @Test
    void aCloudsLastCommandsRunJustBeforePoweringOffAndMayNotBreakTheQuoting() {
        String ud = req.builderUserData("cloud-init clean --logs");
        assertThat(ud).contains("image-signature']\n  - [sh, -c, 'cloud-init clean --logs']\npower_state:");
        assertThat(new ImageRequest(ImageReference.of("aws", "us-east-1", "ami-0abc"), "f00d", List.of(), false, "")
                .builderUserData()).doesNotContain("apt-get");
        assertThatThrownBy(() -> req.builderUserData("echo 'x'")).isInstanceOf(IllegalArgumentException.class);
    }
}
