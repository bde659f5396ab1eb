package hyper.impl.http2;

import java.util.Arrays;

/**
 * A stream's buffered response body: the octets of the DATA frames received and not yet read, and the length of
 * each frame still in it (readFrame hands frames out as they came). Not thread-safe: its stream's lock guards it.
 */
final class ResponseBuffer {
    private static final byte[] NO_DATA = new byte[0];
    /** Bodies up to this content-length are buffered in an array of exactly their size. */
    private static final int EXACT_BUFFER_LIMIT = 64 * 1024;

    private byte[] data = NO_DATA;
    private int rpos;
    private int wpos;
    private int[] frames = new int[8];    // remaining length of each buffered DATA frame, a ring
    private int frameHead;
    private int frameCount;
    private int emptyFrames;

    /** Counts one more empty DATA frame; returns the count (empty frames cost no flow control, so are bounded). */
    int countEmptyFrame() {
        return ++emptyFrames;
    }

    /**
     * Appends a DATA frame's {@code len} octets; {@code contentLength} (or -1) and {@code window}, the stream's
     * initial receive window, size the buffer when it grows.
     */
    void append(byte[] buf, int off, int len, long contentLength, int window) {
        if (data.length - wpos < len) {
            int live = wpos - rpos;
            if (data.length - live >= len && live < data.length / 2) {
                System.arraycopy(data, rpos, data, 0, live); // compact
            } else {
                // a body of known, window-sized length gets an exact buffer, which read() can then hand over whole;
                // else the buffer doubles, but never past the window (what is unread never exceeds it): the memory a
                // lagging reader costs is its window, not twice it
                int size = data.length == 0 && contentLength >= len && contentLength <= EXACT_BUFFER_LIMIT
                        ? (int) contentLength
                        : Math.max(live + len, Math.min(Math.max(data.length * 2, 1024), window));
                byte[] grown = new byte[size];
                System.arraycopy(data, rpos, grown, 0, live);
                data = grown;
            }
            rpos = 0;
            wpos = live;
        }
        System.arraycopy(buf, off, data, wpos, len);
        wpos += len;
        if (frameCount == frames.length) {
            int[] grown = new int[frames.length * 2];
            for (int i = 0; i < frameCount; i++) {
                grown[i] = frames[(frameHead + i) % frames.length];
            }
            frames = grown;
            frameHead = 0;
        }
        frames[(frameHead + frameCount) % frames.length] = len;
        frameCount++;
    }

    /** Octets buffered and not yet read. */
    int size() {
        return wpos - rpos;
    }

    /** Whether a DATA frame (maybe empty) is buffered. */
    boolean hasFrame() {
        return frameCount > 0;
    }

    /** Whether the whole body fills the array exactly from its start, so that it can be handed over without a copy. */
    boolean fillsArray() {
        return rpos == 0 && wpos == data.length && wpos != 0;
    }

    /** The array that holds the buffered octets (see fillsArray). */
    byte[] array() {
        return data;
    }

    /** Copies {@code n} buffered octets into {@code dst} and consumes them; {@code n} is at most {@link #size}. */
    void read(byte[] dst, int off, int n) {
        System.arraycopy(data, rpos, dst, off, n);
        take(n);
    }

    /** The rest of the oldest buffered DATA frame (maybe empty), consumed; there must be one ({@link #hasFrame}). */
    byte[] readFrame() {
        int n = frames[frameHead];
        byte[] out = n == 0 ? NO_DATA : Arrays.copyOfRange(data, rpos, rpos + n);
        rpos += n;
        frameHead = (frameHead + 1) % frames.length;
        frameCount--;
        if (n == 0) {
            emptyFrames--;
        }
        return out;
    }

    /** Drops everything buffered and the count of empty frames. */
    void clear() {
        data = NO_DATA;
        rpos = 0;
        wpos = 0;
        frameCount = 0;
        frameHead = 0;
        emptyFrames = 0;
    }

    /** Consumes {@code n} octets from the front of the buffer, across frame boundaries. */
    private void take(int n) {
        rpos += n;
        while (frameCount > 0 && (n > 0 || frames[frameHead] == 0)) {
            int f = frames[frameHead];
            if (f <= n) {
                n -= f;
                if (f == 0) {
                    emptyFrames--;
                }
                frameHead = (frameHead + 1) % frames.length;
                frameCount--;
            } else {
                frames[frameHead] = f - n;
                n = 0;
            }
        }
        if (rpos == wpos && frameCount == 0) {
            rpos = 0;
            wpos = 0;
        }
    }
}
