package dev.palette.sdk.core.bootstrap;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM encoding of certificates and keys, the form kubeadm and kubeconfigs use. */
final class Pem {
    private Pem() {
    }

    static String encode(Object certOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            if (certOrKey instanceof PrivateKey key) {
                // PKCS#8 keeps the curve with the key; kubeadm and kubectl read it ("PRIVATE KEY").
                w.writeObject(new JcaPKCS8Generator(key, null).generate());
            } else {
                w.writeObject(certOrKey);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static X509Certificate certificate(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) p.readObject());
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("stored certificate is not valid PEM", e);
        }
    }

    /** Reads a private key written as SEC1 ({@code EC PRIVATE KEY}) or PKCS#8 ({@code PRIVATE KEY}). */
    static PrivateKey privateKey(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            JcaPEMKeyConverter c = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return c.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return c.getPrivateKey(info);
            }
            throw new IllegalStateException("stored key is not a private key");
        } catch (IOException e) {
            throw new IllegalStateException("stored key is not valid PEM", e);
        }
    }

    static java.security.PublicKey publicKey(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) p.readObject());
        } catch (IOException e) {
            throw new IllegalStateException("stored public key is not valid PEM", e);
        }
    }

    static KeyPair keyPair(String publicPem, String privatePem) {
        return new KeyPair(publicKey(publicPem), privateKey(privatePem));
    }
}
