package hyper.bench.flow;

import java.nio.ByteBuffer;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How fast this JVM decrypts AES-GCM by itself: 16 KiB records (a full TLS record), decrypted in place as JSSE
 * decrypts a TLS 1.3 record, or into a second buffer. Separates the cipher's speed from the TLS stack's when a TLS
 * download is slower than h2load's (hyper.bench/RESULTS.md, bulk download).
 *
 * <pre>java -cp hyper.bench/target/classes hyper.bench.flow.CipherSpeed [128|256] [inplace]</pre>
 */
public final class CipherSpeed {
    private static final int RECORD = 16384;
    private static final int RECORDS = 1024;

    private CipherSpeed() {
    }

    public static void main(String[] args) throws Exception {
        int keyBits = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        boolean inPlace = args.length > 1 && args[1].equals("inplace");
        SecretKeySpec key = new SecretKeySpec(new byte[keyBits / 8], "AES");
        Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding");
        byte[][] ivs = new byte[RECORDS][];
        byte[][] sealed = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            ivs[i] = new byte[12];
            ivs[i][0] = (byte) i;
            ivs[i][1] = (byte) (i >> 8);
            encrypt.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, ivs[i]));
            sealed[i] = encrypt.doFinal(new byte[RECORD]);
        }
        Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding");
        ByteBuffer out = ByteBuffer.allocate(RECORD + 64);
        byte[] work = new byte[RECORD + 16];
        for (int round = 0; round < 6; round++) { // the first rounds warm the JIT up: read the last ones
            long start = System.nanoTime();
            long octets = 0;
            for (int repeat = 0; repeat < 20; repeat++) {
                for (int i = 0; i < RECORDS; i++) {
                    decrypt.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ivs[i]));
                    if (inPlace) {
                        System.arraycopy(sealed[i], 0, work, 0, sealed[i].length);
                        ByteBuffer record = ByteBuffer.wrap(work);
                        decrypt.doFinal(record, record.duplicate());
                    } else {
                        out.clear();
                        decrypt.doFinal(ByteBuffer.wrap(sealed[i]), out);
                    }
                    octets += RECORD;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("AES-%d-GCM decrypt, 16 KiB records%s, java %s: %.0f MB/s%n", keyBits,
                    inPlace ? " in place (with a copy in)" : "", System.getProperty("java.version"), octets / seconds / 1e6);
        }
    }
}
