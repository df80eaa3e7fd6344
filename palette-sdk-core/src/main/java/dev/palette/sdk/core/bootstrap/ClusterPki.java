package dev.palette.sdk.core.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.palette.sdk.api.model.CertificateExpiry;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.store.SecretStore;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PKI of one cluster: the cluster CA, the etcd CA, the front-proxy CA and the service-account key
 * pair, made once and kept in the host's {@link SecretStore} (never in the spec or status), plus the
 * certificates issued from them: the API server's serving certificate and the admin kubeconfig.
 *
 * <p>Each authority is stored with {@code putIfAbsent}, so two engines that make a cluster's PKI at the
 * same time end up agreeing on the first one stored.
 */
public final class ClusterPki {
    /** How long the certificate authorities are valid. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How long issued certificates are valid. */
    public static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    /** The cluster DNS names the API server certificate carries besides the load balancer. */
    public static final List<String> API_SERVER_DNS = List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local", "localhost");

    private static final String CERT = "cert";
    private static final String KEY = "key";
    private static final String PUBLIC = "public";

    private final String clusterId;
    private final SecretStore secrets;
    private final CertificateAuthority ca;
    private final CertificateAuthority etcdCa;
    private final CertificateAuthority frontProxyCa;
    private final KeyPair serviceAccount;

    private ClusterPki(String clusterId, SecretStore secrets, CertificateAuthority ca, CertificateAuthority etcdCa,
                       CertificateAuthority frontProxyCa, KeyPair serviceAccount) {
        this.clusterId = clusterId;
        this.secrets = secrets;
        this.ca = ca;
        this.etcdCa = etcdCa;
        this.frontProxyCa = frontProxyCa;
        this.serviceAccount = serviceAccount;
    }

    /**
     * The secret-store key under which a part of a cluster's PKI is kept.
     *
     * @param clusterId the cluster
     * @param name {@code ca}, {@code etcd-ca}, {@code front-proxy-ca} or {@code sa}
     * @return the key
     */
    public static String secretKey(String clusterId, String name) {
        return "clusters/" + clusterId + "/pki/" + name;
    }

    /**
     * Loads a cluster's PKI from the secret store, making (and storing) whatever part is missing.
     *
     * @param secrets the host's secret store
     * @param clusterId the cluster
     * @param now the current time (certificates are valid from shortly before it)
     * @return the PKI
     */
    public static ClusterPki ensure(SecretStore secrets, String clusterId, Instant now) {
        CertificateAuthority ca = authority(secrets, clusterId, "ca", "kubernetes", now);
        CertificateAuthority etcd = authority(secrets, clusterId, "etcd-ca", "etcd-ca", now);
        CertificateAuthority fp = authority(secrets, clusterId, "front-proxy-ca", "front-proxy-ca", now);
        Secret sa = secrets.get(secretKey(clusterId, "sa")).orElseGet(() -> {
            KeyPair kp = CertificateAuthority.newKeyPair();
            Map<String, String> data = new LinkedHashMap<>();
            data.put(PUBLIC, Pem.encode(kp.getPublic()));
            data.put(KEY, Pem.encode(kp.getPrivate()));
            return secrets.putIfAbsent(secretKey(clusterId, "sa"), new Secret(data));
        });
        return new ClusterPki(clusterId, secrets, ca, etcd, fp,
                Pem.keyPair(sa.get(PUBLIC).orElseThrow(), sa.get(KEY).orElseThrow()));
    }

    private static CertificateAuthority authority(SecretStore secrets, String clusterId, String name, String cn, Instant now) {
        String key = secretKey(clusterId, name);
        CertificateAuthority[] made = new CertificateAuthority[1];
        Secret s = secrets.get(key).orElseGet(() -> {
            made[0] = CertificateAuthority.create(cn, now, CA_VALIDITY);
            Map<String, String> data = new LinkedHashMap<>();
            data.put(CERT, Pem.encode(made[0].certificate));
            data.put(KEY, Pem.encode(made[0].keyPair.getPrivate()));
            return secrets.putIfAbsent(key, new Secret(data));
        });
        String storedCert = s.get(CERT).orElseThrow();
        if (made[0] != null && storedCert.equals(Pem.encode(made[0].certificate))) {
            return made[0]; // ours won the race to store it: no need to parse back what was just made
        }
        X509Certificate cert = Pem.certificate(storedCert);
        return new CertificateAuthority(cert, new KeyPair(cert.getPublicKey(), Pem.privateKey(s.get(KEY).orElseThrow())));
    }

    /**
     * The cluster CA certificate (public).
     *
     * @return the certificate
     */
    public X509Certificate caCertificate() {
        return ca.certificate;
    }

    /**
     * The etcd CA certificate (public).
     *
     * @return the certificate
     */
    public X509Certificate etcdCaCertificate() {
        return etcdCa.certificate;
    }

    /**
     * The front-proxy CA certificate (public).
     *
     * @return the certificate
     */
    public X509Certificate frontProxyCaCertificate() {
        return frontProxyCa.certificate;
    }

    /**
     * {@code sha256:<hex>} of the CA's public key, the {@code --discovery-token-ca-cert-hash} joining
     * nodes pin.
     *
     * @return the hash
     */
    public String caCertHash() {
        try {
            byte[] spki = ca.certificate.getPublicKey().getEncoded();
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Issues the API server's serving certificate.
     *
     * @param loadBalancerHost the API load balancer's DNS name or address
     * @param serviceIp the first address of the service network (the {@code kubernetes} service)
     * @param now the current time
     * @return the certificate and its key
     */
    public IssuedCertificate apiServerCertificate(String loadBalancerHost, String serviceIp, Instant now) {
        List<String> dns = new ArrayList<>(API_SERVER_DNS);
        List<String> ips = new ArrayList<>(List.of(serviceIp, "127.0.0.1"));
        if (loadBalancerHost.matches("[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:]*")) {
            ips.add(loadBalancerHost);
        } else {
            dns.add(0, loadBalancerHost);
        }
        KeyPair kp = CertificateAuthority.newKeyPair();
        X509Certificate cert = ca.issue("CN=kube-apiserver", kp, now, LEAF_VALIDITY, true, dns, ips);
        return new IssuedCertificate(Pem.encode(cert), Pem.encode(kp.getPrivate()), cert.getNotAfter().toInstant());
    }

    /**
     * Issues an admin client certificate ({@code O=system:masters}) and writes the admin kubeconfig for an
     * endpoint into the secret store at {@code clusters/<id>/kubeconfig}.
     *
     * @param clusterName the cluster name (the kubeconfig's cluster and context name)
     * @param endpoint the API endpoint, {@code https://host:6443}
     * @param now the current time
     * @return the secret-store key of the kubeconfig
     */
    public String writeAdminKubeconfig(String clusterName, String endpoint, Instant now) {
        KeyPair kp = CertificateAuthority.newKeyPair();
        X509Certificate cert = ca.issue("O=system:masters,CN=kubernetes-admin", kp, now, LEAF_VALIDITY, false, List.of(), List.of());
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("apiVersion", "v1");
        cfg.put("kind", "Config");
        cfg.put("clusters", List.of(Map.of("name", clusterName, "cluster", Map.of("server", endpoint,
                "certificate-authority-data", b64.encodeToString(Pem.encode(ca.certificate).getBytes(StandardCharsets.UTF_8))))));
        cfg.put("users", List.of(Map.of("name", clusterName + "-admin", "user", Map.of(
                "client-certificate-data", b64.encodeToString(Pem.encode(cert).getBytes(StandardCharsets.UTF_8)),
                "client-key-data", b64.encodeToString(Pem.encode(kp.getPrivate()).getBytes(StandardCharsets.UTF_8))))));
        cfg.put("contexts", List.of(Map.of("name", clusterName + "-admin@" + clusterName,
                "context", Map.of("cluster", clusterName, "user", clusterName + "-admin"))));
        cfg.put("current-context", clusterName + "-admin@" + clusterName);
        String key = "clusters/" + clusterId + "/kubeconfig";
        Map<String, String> data = new LinkedHashMap<>();
        try {
            data.put("value", new YAMLMapper().writeValueAsString(cfg));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        data.put("notAfter", cert.getNotAfter().toInstant().toString());
        secrets.put(key, new Secret(data));
        return key;
    }

    /**
     * The files kubeadm expects in {@code /etc/kubernetes/pki} on the first control-plane node, by path
     * relative to that folder; keys included, so the result is secret.
     *
     * @return PEM text by file
     */
    Map<String, String> kubeadmFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("ca.crt", Pem.encode(ca.certificate));
        files.put("ca.key", Pem.encode(ca.keyPair.getPrivate()));
        files.put("etcd/ca.crt", Pem.encode(etcdCa.certificate));
        files.put("etcd/ca.key", Pem.encode(etcdCa.keyPair.getPrivate()));
        files.put("front-proxy-ca.crt", Pem.encode(frontProxyCa.certificate));
        files.put("front-proxy-ca.key", Pem.encode(frontProxyCa.keyPair.getPrivate()));
        files.put("sa.key", Pem.encode(serviceAccount.getPrivate()));
        files.put("sa.pub", Pem.encode(serviceAccount.getPublic()));
        return files;
    }

    /**
     * When each certificate authority expires.
     *
     * @return the expiries
     */
    public List<CertificateExpiry> expiries() {
        return List.of(new CertificateExpiry("ca", ca.certificate.getNotAfter().toInstant()),
                new CertificateExpiry("etcd-ca", etcdCa.certificate.getNotAfter().toInstant()),
                new CertificateExpiry("front-proxy-ca", frontProxyCa.certificate.getNotAfter().toInstant()));
    }

    /**
     * A certificate with its private key. {@code toString} never prints the key.
     *
     * @param certificatePem the certificate, PEM
     * @param privateKeyPem the private key, PEM (secret)
     * @param notAfter the expiry
     */
    public record IssuedCertificate(String certificatePem, String privateKeyPem, Instant notAfter) {
        /**
         * Names the expiry, never the key.
         *
         * @return a redacted rendering
         */
        @Override
        public String toString() {
            return "IssuedCertificate[notAfter=" + notAfter + ", key redacted]";
        }
    }
}
