package hyper.impl.http2;

import hyper.api.ConnectionException;
import hyper.api.ErrorCode;
import hyper.api.spi.BlockBuffer;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection's periodic health check, run by the {@link Watchdog}: a socket write blocked past the write
 * timeout, a PING unanswered past the ping timeout (RFC 9113 §6.7) or our SETTINGS unacknowledged (§6.5.3) end
 * the connection; a connection that has been silent while streams wait is probed with a PING. It also fires the
 * read timeouts of threads waiting on streams ({@link StreamWaits}).
 */
final class Liveness implements Runnable {
    private final Http2ClientConnection c;
    private final long writeTimeoutNanos;
    private final long pingTimeoutNanos;
    private final long readTimeoutNanos;
    private final long settingsTimeoutNanos;
    private final long settingsSentNanos;
    private volatile long pingSentNanos; // 0 when no PING of ours is outstanding
    private volatile long pingPayload;
    private ScheduledFuture<?> schedule;

    Liveness(Http2ClientConnection connection, long writeTimeoutNanos, long pingTimeoutNanos, long readTimeoutNanos,
            long settingsSentNanos) {
        this.c = connection;
        this.writeTimeoutNanos = writeTimeoutNanos;
        this.pingTimeoutNanos = pingTimeoutNanos;
        this.readTimeoutNanos = readTimeoutNanos;
        this.settingsTimeoutNanos = Math.max(pingTimeoutNanos, TimeUnit.SECONDS.toNanos(1));
        this.settingsSentNanos = settingsSentNanos;
    }

    /** Starts checking, a few times per timeout. */
    void start() {
        long tick = StreamWaits.tickFor(Math.min(readTimeoutNanos, Math.min(pingTimeoutNanos, writeTimeoutNanos)));
        schedule = Watchdog.every(tick, this);
    }

    void stop() {
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
    }

    /** A PING ACK arrived: if it answers our probe, the connection is alive. */
    void onPingAck(long payload) {
        if (pingSentNanos != 0 && payload == pingPayload) {
            pingSentNanos = 0;
        }
    }

    @Override
    public void run() {
        if (c.failure() != null) {
            stop();
            return;
        }
        long now = System.nanoTime();
        c.streamWaits.expire(now);
        long writeStarted = c.writer.writeStartedNanos();
        if (writeStarted != 0 && now - writeStarted > writeTimeoutNanos) {
            lost("a socket write was blocked for more than " + millis(writeTimeoutNanos) + " ms (write timeout)");
            return;
        }
        long pingSent = pingSentNanos;
        if (pingSent != 0 && now - pingSent > pingTimeoutNanos) {
            lost("no PING reply within " + millis(pingTimeoutNanos) + " ms");
            return;
        }
        if (!c.ourSettingsAcked && now - settingsSentNanos > settingsTimeoutNanos) {
            stop();
            ConnectionError e = new ConnectionError(ErrorCode.SETTINGS_TIMEOUT, "the server did not acknowledge our SETTINGS within "
                    + millis(settingsTimeoutNanos) + " ms (§6.5.3)");
            Watchdog.offload(() -> c.protocolFailure(e));
            return;
        }
        if (pingSent == 0 && !c.streams.isEmpty() && now - c.lastReadNanos > pingTimeoutNanos) {
            pingPayload = now;
            pingSentNanos = now | 1;
            BlockBuffer q = c.writer.lock();
            try {
                FrameWriter.ping(q, false, now);
            } finally {
                c.writer.unlock();
            }
            Watchdog.offload(this::flushQuietly); // never block the shared watchdog thread on a socket
        }
    }

    /** Declares the connection lost; the closing happens off the watchdog thread. */
    private void lost(String why) {
        stop();
        ConnectionException e = new ConnectionException(ErrorCode.INTERNAL_ERROR, null, false, false, why + ": the connection is lost");
        Watchdog.offload(() -> c.fail(e, true));
    }

    private void flushQuietly() {
        try {
            c.flush();
        } catch (IOException ignored) {
            // flush() has failed the connection already
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
