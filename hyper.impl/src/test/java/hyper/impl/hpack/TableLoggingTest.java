package hyper.impl.hpack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Table changes go to the {@code hyper.hpack} logger at DEBUG (java.util.logging's FINE), never with values. */
class TableLoggingTest {

    @Test
    void insertsEvictionsAndResizesAreLoggedWithoutValues() throws Exception {
        Logger jul = Logger.getLogger("hyper.hpack"); // System.Logger's default backend
        List<String> messages = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level oldLevel = jul.getLevel();
        jul.setLevel(Level.FINE);
        jul.addHandler(handler);
        try {
            JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
            JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
            encoder.setPeerMaxTableSize(100);
            decoder.setMaxTableSize(100);
            BlockBuffer out = new BlockBuffer();
            encoder.encode(FieldList.of("x-secret-one", "value-one-hidden"), out);
            encoder.encode(FieldList.of("x-secret-two", "value-two-hidden"), out); // evicts the first
            byte[] blocks = out.toByteArray();
            decoder.decode(blocks, 0, blocks.length, true, new CollectingListener());
        } finally {
            jul.removeHandler(handler);
            jul.setLevel(oldLevel);
        }
        String all = String.join("\n", messages);
        for (String side : List.of("encoder", "decoder")) {
            assertTrue(all.contains("HPACK " + side + " table resize 4096 -> 100"), all);
            assertTrue(all.contains("HPACK " + side + " table insert x-secret-one"), all);
            assertTrue(all.contains("HPACK " + side + " table evict x-secret-one") , all);
        }
        assertFalse(all.contains("hidden"), "values stay out of logs: " + all);
    }
}
