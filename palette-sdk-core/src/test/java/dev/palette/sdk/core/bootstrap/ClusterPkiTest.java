package dev.palette.sdk.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.palette.sdk.core.store.InMemorySecretStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The cluster PKI, checked with the JDK's own certificate APIs. */
class ClusterPkiTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final InMemorySecretStore secrets = new InMemorySecretStore();

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theApiServerCertificateChainsToTheCaAndNamesTheLoadBalancerAndServiceIp() throws Exception {
        ClusterPki pki = ClusterPki.ensure(secrets, "c-1", NOW);
        ClusterPki.IssuedCertificate api = pki.apiServerCertificate("c-1.lb.example.com", "10.96.0.1", NOW);
        X509Certificate cert = parse(api.certificatePem());
        cert.verify(pki.caCertificate().getPublicKey());
        cert.checkValidity(java.util.Date.from(NOW.plusSeconds(86400)));
        List<String> sans = new ArrayList<>();
        for (List<?> san : cert.getSubjectAlternativeNames()) {
            sans.add(String.valueOf(san.get(1)));
        }
        assertThat(sans).contains("c-1.lb.example.com", "kubernetes.default.svc.cluster.local", "10.96.0.1", "127.0.0.1");
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(pki.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(api.toString()).doesNotContain("PRIVATE KEY");
        assertThat(pki.expiries()).extracting(e -> e.name()).containsExactly("ca", "etcd-ca", "front-proxy-ca");
        assertThat(pki.expiries().get(0).notAfter()).isEqualTo(NOW.plus(ClusterPki.CA_VALIDITY));
        assertThat(pki.caCertHash()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void keysLiveInTheSecretStoreAndTheFirstWriterWins() throws Exception {
        CompletableFuture<ClusterPki> a = CompletableFuture.supplyAsync(() -> ClusterPki.ensure(secrets, "c-2", NOW));
        CompletableFuture<ClusterPki> b = CompletableFuture.supplyAsync(() -> ClusterPki.ensure(secrets, "c-2", NOW));
        assertThat(a.get().caCertificate()).isEqualTo(b.get().caCertificate());
        assertThat(ClusterPki.ensure(secrets, "c-2", NOW.plusSeconds(60)).caCertificate()).isEqualTo(a.get().caCertificate());
        assertThat(secrets.keys("clusters/c-2/pki/")).containsExactly("clusters/c-2/pki/ca", "clusters/c-2/pki/etcd-ca",
                "clusters/c-2/pki/front-proxy-ca", "clusters/c-2/pki/sa");
        assertThat(secrets.get("clusters/c-2/pki/ca").orElseThrow().toString()).doesNotContain("PRIVATE");
    }

    @Test
    void theAdminKubeconfigAuthenticatesAsSystemMasters() throws Exception {
        ClusterPki pki = ClusterPki.ensure(secrets, "c-3", NOW);
        String key = pki.writeAdminKubeconfig("demo", "https://demo.lb:6443", NOW);
        Map<?, ?> cfg = new YAMLMapper().readValue(secrets.get(key).orElseThrow().get("value").orElseThrow(), Map.class);
        Map<?, ?> cluster = (Map<?, ?>) ((Map<?, ?>) ((List<?>) cfg.get("clusters")).get(0)).get("cluster");
        assertThat(cluster.get("server")).isEqualTo("https://demo.lb:6443");
        X509Certificate ca = parse(new String(Base64.getDecoder().decode((String) cluster.get("certificate-authority-data")),
                StandardCharsets.UTF_8));
        assertThat(ca).isEqualTo(pki.caCertificate());
        Map<?, ?> user = (Map<?, ?>) ((Map<?, ?>) ((List<?>) cfg.get("users")).get(0)).get("user");
        X509Certificate client = parse(new String(Base64.getDecoder().decode((String) user.get("client-certificate-data")),
                StandardCharsets.UTF_8));
        client.verify(ca.getPublicKey());
        assertThat(client.getSubjectX500Principal().getName()).contains("O=system:masters").contains("CN=kubernetes-admin");
        assertThat(cfg.get("current-context")).isEqualTo("demo-admin@demo");
    }

    @Test
    void bootstrapSecretsHaveKubeadmsFormatsAndStayPut() {
        BootstrapSecrets s = BootstrapSecrets.ensure(secrets, "c-4");
        assertThat(s.token()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        assertThat(s.certificateKey()).matches("[0-9a-f]{64}");
        assertThat(BootstrapSecrets.ensure(secrets, "c-4")).isEqualTo(s);
        assertThat(s.toString()).doesNotContain(s.token()).doesNotContain(s.certificateKey());
    }
}
