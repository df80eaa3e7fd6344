package dev.palette.sdk.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientKeyAlgorithmTest {

    private static String kubeconfigData(String type, byte[] der) {
        String pem = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void pkcs8KeysAreToldApartByTryingThem() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);

        assertThat(ClientKeyAlgorithm.of(kubeconfigData("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()))).contains("EC");
        assertThat(ClientKeyAlgorithm.of(kubeconfigData("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded()))).contains("RSA");
    }

    @Test
    void traditionalHeadersNameTheirAlgorithm() {
        assertThat(ClientKeyAlgorithm.of(kubeconfigData("EC PRIVATE KEY", new byte[] {1, 2}))).contains("EC");
        assertThat(ClientKeyAlgorithm.of(kubeconfigData("RSA PRIVATE KEY", new byte[] {1, 2}))).contains("RSA");
    }

    @Test
    void whatItCannotReadIsLeftToFabric8() {
        assertThat(ClientKeyAlgorithm.of(null)).isEmpty();
        assertThat(ClientKeyAlgorithm.of("not base64 !")).isEmpty();
        assertThat(ClientKeyAlgorithm.of(kubeconfigData("PRIVATE KEY", new byte[] {1, 2, 3}))).isEmpty();
        assertThat(ClientKeyAlgorithm.of(kubeconfigData("CERTIFICATE", new byte[] {1, 2, 3}))).isEmpty();
    }
}
