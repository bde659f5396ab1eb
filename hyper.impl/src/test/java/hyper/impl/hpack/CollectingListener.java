package hyper.impl.hpack;

import hyper.api.spi.HeaderListener;
import java.util.ArrayList;
import java.util.List;

/** Records every decoded field, and which ones came never-indexed; for tests. */
public final class CollectingListener implements HeaderListener {
    /** The fields in the order they were decoded. */
    public final List<HpackStories.Field> fields = new ArrayList<>();
    /** For each field, whether it came as "never indexed". */
    public final List<Boolean> neverIndexed = new ArrayList<>();

    @Override
    public void onHeader(byte[] name, byte[] value, boolean never) {
        fields.add(HpackStories.Field.of(name, value));
        neverIndexed.add(never);
    }
}
