package hyper.httpbin;

import java.util.Random;

/**
 * An endless byte stream equal to what one {@code new Random(seed).nextBytes(array)} call writes.
 *
 * <p>{@link Random#nextBytes} takes four bytes from each {@code nextInt()}, low byte first, and drops what is
 * left of the last int. Keeping the unused bytes between calls makes the stream independent of how it is cut
 * into chunks, so {@code /bytes/n?seed=s} and {@code /stream-bytes/n?seed=s&chunk_size=c} agree for every c,
 * and a client can compute the expected body with the JDK alone.
 */
final class SeededBytes {
  private final Random random;
  private int word;
  private int bytesLeftInWord;

  SeededBytes(long seed) {
    this.random = new Random(seed);
  }

  void fill(byte[] dst, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytesLeftInWord == 0) {
        word = random.nextInt();
        bytesLeftInWord = 4;
      }
      dst[i] = (byte) word;
      word >>= 8;
      bytesLeftInWord--;
    }
  }
}
