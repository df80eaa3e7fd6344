package dev.palette.sdk.provider.azure.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * Azure refuses a Linux VM without a password or an SSH key. Nodes are reached through Kubernetes, not
 * SSH, so when the config gives no key the machines get the public half of a key pair made here whose
 * private half is never kept: nobody can log in with it.
 */
final class SshKeys {
    private static volatile String generated;

    private SshKeys() {
    }

    /**
     * A public key in OpenSSH form, made once per JVM.
     *
     * @return {@code ssh-rsa AAAA… palette-no-login}
     */
    static String throwaway() {
        String k = generated;
        if (k == null) {
            synchronized (SshKeys.class) {
                if (generated == null) {
                    generated = make();
                }
                k = generated;
            }
        }
        return k;
    }

    private static String make() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048); // the size Azure asks for at least; the key is thrown away anyway
            RSAPublicKey pub = (RSAPublicKey) g.generateKeyPair().getPublic();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buf);
            write(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            write(out, pub.getPublicExponent().toByteArray());
            write(out, pub.getModulus().toByteArray());
            return "ssh-rsa " + Base64.getEncoder().encodeToString(buf.toByteArray()) + " palette-no-login";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }
}
