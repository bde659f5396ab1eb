package hyper.httpbin;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The handful of ASN.1 DER encodings (ITU-T X.690) that an X.509 certificate needs.
 *
 * <p>Every value is a tag-length-value triple:
 * <pre>
 *   +-----+----------------------------+------------------+
 *   | tag | length (short or long form) | contents         |
 *   +-----+----------------------------+------------------+
 * </pre>
 * Short form lengths fit in 7 bits; longer ones are 0x80|n followed by n big-endian bytes (X.690 §8.1.3).
 */
final class Der {
  private static final int BOOLEAN = 0x01;
  private static final int INTEGER = 0x02;
  private static final int BIT_STRING = 0x03;
  private static final int OCTET_STRING = 0x04;
  private static final int OBJECT_IDENTIFIER = 0x06;
  private static final int UTF8_STRING = 0x0c;
  private static final int UTC_TIME = 0x17;
  private static final int GENERALIZED_TIME = 0x18;
  private static final int SEQUENCE = 0x30;
  private static final int SET = 0x31;

  private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
  private static final DateTimeFormatter GENERALIZED_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private Der() {}

  static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream contents = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      contents.writeBytes(part);
    }
    byte[] body = contents.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 6);
    out.write(tag);
    writeLength(out, body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
    out.write(0x80 | bytes);
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      out.write(length >>> shift);
    }
  }

  static byte[] sequence(byte[]... parts) {
    return tlv(SEQUENCE, parts);
  }

  static byte[] set(byte[]... parts) {
    return tlv(SET, parts);
  }

  static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray()); // two's complement, minimal: exactly what X.690 §8.3 asks
  }

  static byte[] bool(boolean value) {
    return tlv(BOOLEAN, new byte[] {value ? (byte) 0xff : 0}); // DER: TRUE is all ones (X.690 §11.1)
  }

  /** A BIT STRING whose first contents byte says how many trailing bits of the last byte are unused. */
  static byte[] bitString(int unusedBits, byte[] bits) {
    byte[] contents = new byte[bits.length + 1];
    contents[0] = (byte) unusedBits;
    System.arraycopy(bits, 0, contents, 1, bits.length);
    return tlv(BIT_STRING, contents);
  }

  static byte[] octetString(byte[] value) {
    return tlv(OCTET_STRING, value);
  }

  static byte[] utf8(String value) {
    return tlv(UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 on. */
  static byte[] time(ZonedDateTime when) {
    ZonedDateTime utc = when.withZoneSameInstant(ZoneOffset.UTC);
    if (utc.getYear() < 2050) {
      return tlv(UTC_TIME, UTC_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
    }
    return tlv(GENERALIZED_TIME, GENERALIZED_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
  }

  /** An OBJECT IDENTIFIER: the first two arcs share one byte, the rest are base-128 with continuation bits. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      writeBase128(out, Long.parseLong(arcs[i]));
    }
    return tlv(OBJECT_IDENTIFIER, out.toByteArray());
  }

  private static void writeBase128(ByteArrayOutputStream out, long value) {
    int groups = 1;
    while (groups < 10 && (value >>> (7 * groups)) != 0) {
      groups++;
    }
    for (int i = groups - 1; i >= 0; i--) {
      int group = (int) ((value >>> (7 * i)) & 0x7f);
      out.write(i == 0 ? group : group | 0x80);
    }
  }

  /** An EXPLICIT context-specific tag [n] wrapping a whole encoding. */
  static byte[] explicit(int n, byte[] inner) {
    return tlv(0xa0 | n, inner);
  }

  /** An IMPLICIT context-specific primitive tag [n] replacing the tag of a primitive value. */
  static byte[] implicitPrimitive(int n, byte[] contents) {
    return tlv(0x80 | n, contents);
  }
}
