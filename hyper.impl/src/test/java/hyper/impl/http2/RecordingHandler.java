package hyper.impl.http2;

import hyper.api.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A frame handler that writes down each frame as one line of text, for tests to compare. */
class RecordingHandler implements FrameReader.Handler {
    final List<String> events = new ArrayList<>();

    @Override
    public void data(int streamId, boolean endStream, byte[] buf, int offset, int length, int flowControlled) {
        events.add("DATA " + streamId + (endStream ? " END_STREAM" : "") + " '"
                + new String(buf, offset, length, StandardCharsets.ISO_8859_1) + "' fc=" + flowControlled);
    }

    @Override
    public void headers(int streamId, boolean endStream, HeaderBlock block) {
        events.add("HEADERS " + streamId + (endStream ? " END_STREAM" : "") + " " + fields(block));
    }

    @Override
    public void rstStream(int streamId, ErrorCode code) {
        events.add("RST_STREAM " + streamId + " " + code);
    }

    @Override
    public void settings(Settings settings) {
        events.add("SETTINGS " + settings);
    }

    @Override
    public void settingsAck() {
        events.add("SETTINGS ACK");
    }

    @Override
    public void pushPromise(int streamId, int promisedStreamId, HeaderBlock block) {
        events.add("PUSH_PROMISE " + streamId + " promised=" + promisedStreamId + " " + fields(block));
    }

    @Override
    public void pushPromiseUndecodable(int streamId, int promisedStreamId, StreamError error) {
        events.add("PUSH_PROMISE " + streamId + " promised=" + promisedStreamId + " refused " + error.errorCode());
    }

    @Override
    public void ping(boolean ack, long payload) {
        events.add("PING" + (ack ? " ACK " : " ") + Long.toHexString(payload));
    }

    @Override
    public void goAway(int lastStreamId, ErrorCode code, byte[] debugData) {
        events.add("GOAWAY " + lastStreamId + " " + code + " '" + new String(debugData, StandardCharsets.UTF_8) + "'");
    }

    @Override
    public void windowUpdate(int streamId, int increment) {
        events.add("WINDOW_UPDATE " + streamId + " " + increment);
    }

    private static String fields(HeaderBlock block) {
        List<String> f = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
            f.add(new String(block.name(i), StandardCharsets.UTF_8) + "=" + new String(block.value(i), StandardCharsets.UTF_8));
        }
        return f.toString();
    }

    /** Reads every frame of {@code in} until a clean end of stream. */
    static List<String> readAll(FrameReader reader) throws IOException {
        RecordingHandler h = new RecordingHandler();
        while (reader.nextFrame(h)) {
            // keep reading
        }
        return h.events;
    }
}
