package hyper.impl.hpack;

import hyper.api.spi.HeaderFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** A {@link HeaderFields} built from strings (UTF-8), for tests; shared with other codecs' tests through the test-jar. */
public final class FieldList implements HeaderFields {
    private final List<byte[]> names = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    private final BitSet sensitive = new BitSet();
    private final BitSet constant = new BitSet();
    private boolean lowerCase;

    /** Fields from alternating names and values. */
    public static FieldList of(String... namesAndValues) {
        FieldList list = new FieldList();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return list;
    }

    /** Fields in the order of {@code fields}. */
    public static FieldList of(List<HpackStories.Field> fields) {
        FieldList list = new FieldList();
        for (HpackStories.Field f : fields) {
            list.add(f.name(), f.value());
        }
        return list;
    }

    public FieldList add(String name, String value) {
        return add(name.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), false);
    }

    public FieldList addSensitive(String name, String value) {
        return add(name.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), true);
    }

    public FieldList add(byte[] name, byte[] value, boolean isSensitive) {
        sensitive.set(names.size(), isSensitive);
        names.add(name);
        values.add(value);
        return this;
    }

    /** Appends a field whose arrays the caller promises never to change ({@link HeaderFields#constant}). */
    public FieldList addConstant(byte[] name, byte[] value) {
        constant.set(names.size());
        return add(name, value, false);
    }

    /** Vouches that every name is lower case ({@link HeaderFields#lowerCase}), whether or not it is. */
    public FieldList vouchLowerCase() {
        lowerCase = true;
        return this;
    }

    @Override
    public int size() {
        return names.size();
    }

    @Override
    public byte[] name(int i) {
        return names.get(i);
    }

    @Override
    public byte[] value(int i) {
        return values.get(i);
    }

    @Override
    public boolean sensitive(int i) {
        return sensitive.get(i);
    }

    @Override
    public boolean constant(int i) {
        return constant.get(i);
    }

    @Override
    public boolean lowerCase(int i) {
        return lowerCase;
    }
}
