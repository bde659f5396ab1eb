package hyper.impl.body;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * {@code readChunked()} for both protocols: an {@link Iterable} over a source that yields one element per DATA
 * frame or HTTP/1.1 chunk and null at the end. I/O errors surface as {@link UncheckedIOException} wrapping the
 * typed exception, as {@link hyper.api.Response#readChunked()} documents.
 */
public final class ChunkIterable implements Iterable<byte[]> {

    /** The next element of a body, or null once it has ended. */
    @FunctionalInterface
    public interface Source {
        byte[] next() throws IOException;
    }

    private final Source source;

    public ChunkIterable(Source source) {
        this.source = source;
    }

    @Override
    public Iterator<byte[]> iterator() {
        return new Iterator<>() {
            private byte[] next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = source.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] out = next;
                next = null;
                return out;
            }
        };
    }
}
