package hyper.impl.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Reads PEM certificates and PKCS#8 private keys (plain or encrypted) with nothing but the JDK. */
final class Pem {
    private Pem() {
    }

    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : cf.generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return out;
    }

    static PrivateKey privateKey(Path file, char[] password) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] der = block(text, "ENCRYPTED PRIVATE KEY");
        PKCS8EncodedKeySpec spec;
        if (der != null) {
            if (password == null) {
                throw new GeneralSecurityException("the key in " + file + " is encrypted and no password was given");
            }
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgName();
            if (algorithm.equals("PBES2") || algorithm.equals("1.2.840.113549.1.5.13")) {
                // OpenSSL 3's default (PBKDF2 + AES): JDK 17 names only the scheme, its parameters name the algorithm
                // the JDK's factories know, e.g. PBEWithHmacSHA256AndAES_256
                algorithm = info.getAlgParameters().toString();
            }
            SecretKeyFactory skf = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, skf.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
            spec = info.getKeySpec(cipher);
        } else {
            der = block(text, "PRIVATE KEY");
            if (der == null) {
                throw new GeneralSecurityException("no PKCS#8 'PRIVATE KEY' block in " + file
                        + " (convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem)");
            }
            spec = new PKCS8EncodedKeySpec(der);
        }
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next key type: PKCS#8 names it inside, but KeyFactory needs it up front
            }
        }
        throw new GeneralSecurityException("unsupported private key type in " + file);
    }

    private static byte[] block(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        int start = text.indexOf(begin);
        if (start < 0) {
            return null;
        }
        int end = text.indexOf("-----END " + label + "-----", start);
        if (end < 0) {
            return null;
        }
        String body = text.substring(start + begin.length(), end).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
