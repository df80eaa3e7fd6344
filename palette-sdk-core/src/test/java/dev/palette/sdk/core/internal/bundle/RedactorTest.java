package dev.palette.sdk.core.internal.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the redactor removes, and what it leaves. */
class RedactorTest {
    @Test
    void keysTokensAndCredentialsAreRemovedAndTheRestKept() {
        String in = """
                I1125 10:00:00 apiserver started on :6443
                users: [{name: admin, user: {client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVF}}]
                "password": "s3cr3t!", db_password=hunter2 apiKey: abcdef123456
                kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef
                AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
                -----BEGIN RSA PRIVATE KEY-----
                MIIEpAIBAAKCAQEA7
                -----END RSA PRIVATE KEY-----
                -----BEGIN CERTIFICATE-----
                MIIBszCCAVmgAwIBAgIU
                -----END CERTIFICATE-----
                """;
        String out = Redactor.redact(in);
        assertThat(out).contains("apiserver started on :6443").contains("name: admin")
                .contains("client-key-data: [redacted]").contains("\"password\": \"[redacted]\"").contains("db_password=[redacted]")
                .contains("apiKey: [redacted]").contains("--token [redacted]").contains("AWS_ACCESS_KEY_ID=[redacted]")
                .contains("-----BEGIN RSA PRIVATE KEY----- [redacted] -----END RSA PRIVATE KEY-----")
                .as("certificates are public").contains("MIIBszCCAVmgAwIBAgIU");
        assertThat(out).doesNotContain("s3cr3t", "hunter2", "abcdef123456", "0123456789abcdef", "AKIAIOSFODNN7EXAMPLE", "MIIEpAIBAAKCAQEA7",
                "LS0tLS1CRUdJTi");
    }

    @Test
    void aLineOfMegabytesIsReadInOnePass() {
        String big = "x".repeat(4 * 1024 * 1024) + " token=abc";
        assertThat(Redactor.redact(big)).endsWith(" token=[redacted]").hasSize(big.length() - 3 + "[redacted]".length());
    }
}
