package com.example.consumer;

import hyper.api.Hyper;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderFields;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.Providers;
import hyper.api.spi.TlsProvider;
import java.nio.charset.StandardCharsets;

/** Prints which providers the module layer supplied, and round-trips one header block through the active codec. */
public final class ShowProviders {
    private ShowProviders() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("module: " + ShowProviders.class.getModule().getName());
        for (HpackCodecProvider p : Providers.all(HpackCodecProvider.class)) {
            System.out.println("hpack provider: " + p.name() + " priority=" + p.priority()
                    + p.unavailableReason().map(r -> " unavailable: " + r).orElse(" available"));
        }
        for (TlsProvider p : Providers.all(TlsProvider.class)) {
            System.out.println("tls provider: " + p.name());
        }
        System.out.println("active tls provider: " + Hyper.tls(null).name());
        HpackCodecProvider codec = Hyper.hpackCodec(null);
        System.out.println("active hpack codec: " + codec.name());

        byte[][] fields = {
            ascii(":method"), ascii("GET"), ascii(":path"), ascii("/index.html"), ascii("user-agent"), ascii("example"),
        };
        HeaderFields view = new HeaderFields() {
            @Override
            public int size() {
                return fields.length / 2;
            }

            @Override
            public byte[] name(int i) {
                return fields[2 * i];
            }

            @Override
            public byte[] value(int i) {
                return fields[2 * i + 1];
            }
        };
        BlockBuffer block = new BlockBuffer();
        try (HpackEncoder enc = codec.newEncoder(4096); HpackDecoder dec = codec.newDecoder(HpackLimits.DEFAULT)) {
            enc.encode(view, block);
            StringBuilder decoded = new StringBuilder();
            dec.decode(block.array(), 0, block.length(), true, (name, value, neverIndexed) ->
                    decoded.append(new String(name, StandardCharsets.UTF_8)).append(": ")
                            .append(new String(value, StandardCharsets.UTF_8)).append('\n'));
            System.out.println("encoded " + view.size() + " fields in " + block.length() + " octets; decoded:");
            System.out.print(decoded);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
