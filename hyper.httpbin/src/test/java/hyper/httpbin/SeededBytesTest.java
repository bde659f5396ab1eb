package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeededBytesTest {

  @Test
  void equalsOneRandomNextBytesCallHoweverItIsCut() {
    byte[] expected = new byte[1001];
    new Random(99).nextBytes(expected);

    for (int chunk : new int[] {1, 3, 4, 7, 1000, 1001}) {
      SeededBytes bytes = new SeededBytes(99);
      byte[] actual = new byte[expected.length];
      for (int offset = 0; offset < actual.length; offset += chunk) {
        bytes.fill(actual, offset, Math.min(chunk, actual.length - offset));
      }
      assertArrayEquals(expected, actual, "chunk " + chunk);
    }
  }
}
