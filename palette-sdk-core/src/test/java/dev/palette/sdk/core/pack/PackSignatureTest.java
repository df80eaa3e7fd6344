package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Pack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackSignatureTest {
    @TempDir
    Path tmp;

    private Pack write(String folder, String packJson, String values) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        Files.writeString(dir.resolve("pack.json"), packJson);
        Files.writeString(dir.resolve("values.yaml"), values);
        return PackReader.read(dir);
    }

    private static final String PACK_JSON = """
            {
              "annotations": {"imageId": "ami-1", "cloudRegion": "us-east-1", "skipK8sInstall": "false"},
              "ansibleRoles": ["harden", "falco"],
              "cloudTypes": ["aws"],
              "layer": "os", "name": "rocky", "version": "9.2"
            }
            """;
    private static final String VALUES = """
            kubeadmconfig:
              preKubeadmCommands: [a, b]
              files: {mode: "0600", size: 20.10}
            """;

    @Test
    void theSignatureIgnoresKeyOrderWhiteSpaceCommentsDisplayNameAndRegistry() throws IOException {
        Pack a = write("a", PACK_JSON, VALUES);
        Pack b = write("b", """
                {"version":"9.2","name":"rocky","layer":"os","cloudTypes":["aws"],
                  // the same pack, written otherwise
                  "ansibleRoles":["harden","falco",],"annotations":{"skipK8sInstall":"false","cloudRegion":"us-east-1","imageId":"ami-1",},
                  "displayName": "Rocky Linux"}
                """, """
                # same values, other order and style
                kubeadmconfig:
                  files:
                    size: 20.10
                    mode: '0600'
                  preKubeadmCommands:
                    - a
                    - b
                """);
        String sig = PackSignature.of(a, "1.30.4");
        assertThat(sig).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(PackSignature.of(b, "1.30.4")).isEqualTo(sig);
        assertThat(PackSignature.of(a.toBuilder().registry("mirror").build(), "1.30.4")).isEqualTo(sig);
        assertThat(PackSignature.canonicalForm(a, "1.30.4")).doesNotContain(" ").contains("\"ansibleRoles\":[\"harden\",\"falco\"]");
    }

    @Test
    void anythingThatChangesTheImageChangesTheSignature() throws IOException {
        Pack a = write("a", PACK_JSON, VALUES);
        String sig = PackSignature.of(a, "1.30.4");
        assertThat(PackSignature.of(a.toBuilder().ansibleRoles(List.of("harden", "falco", "cis")).build(), "1.30.4")).isNotEqualTo(sig);
        assertThat(PackSignature.of(a.toBuilder().ansibleRoles(List.of("falco", "harden")).build(), "1.30.4"))
                .as("roles run in order").isNotEqualTo(sig);
        assertThat(PackSignature.of(a, "1.31.0")).isNotEqualTo(sig);
        assertThat(PackSignature.of(a.toBuilder().skipK8sInstall(true).build(), "1.30.4")).isNotEqualTo(sig);
        assertThat(PackSignature.of(write("c", PACK_JSON.replace("ami-1", "ami-2"), VALUES), "1.30.4")).isNotEqualTo(sig);
        assertThat(PackSignature.of(write("d", PACK_JSON, VALUES.replace("[a, b]", "[a, b, c]")), "1.30.4")).isNotEqualTo(sig);
        assertThat(PackSignature.of(write("e", PACK_JSON, VALUES.replace("20.10", "20.1")), "1.30.4"))
                .as("the value as written").isNotEqualTo(sig);
    }
}
