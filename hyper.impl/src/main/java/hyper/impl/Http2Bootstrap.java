package hyper.impl;

import hyper.api.ConnectionOptions;
import hyper.api.Http2Connection;
import hyper.impl.flow.StartingWindows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;

/**
 * The HTTP/2 engine's entry point for a socket that is already connected: after ALPN chose {@code h2}, after a
 * {@code 101 Switching Protocols} to {@code h2c}, or for prior knowledge over cleartext. The HTTP/2 engine in
 * {@code hyper.impl} provides it as a service ({@code provides hyper.impl.Http2Bootstrap with ...} plus a
 * {@code META-INF/services/hyper.impl.Http2Bootstrap} file); {@link HyperEngine} finds it with
 * {@link java.util.ServiceLoader}. Internal to {@code hyper.impl}: the package is not exported.
 */
public interface Http2Bootstrap {

    /**
     * Starts HTTP/2 on {@code socket}: sends the client connection preface (RFC 9113 §3.4) and returns the
     * connection.
     *
     * @param secure whether {@code socket} is a TLS socket on which ALPN chose {@code h2}
     * @param upgraded non-null after an h2c upgrade (RFC 7540 §3.2): the request that carried the upgrade is
     *        stream 1, already half-closed (local); its response is the first one {@code getResponse()} returns.
     *        The settings sent in {@code HTTP2-Settings} were {@link #upgradeSettings(ConnectionOptions)}.
     */
    Http2Connection start(Socket socket, String host, int port, boolean secure, ConnectionOptions options,
            Upgraded upgraded) throws IOException;

    /**
     * Like {@link #start(Socket, String, int, boolean, ConnectionOptions, Upgraded)}, also given the TCP socket
     * that a TLS {@code socket} is layered on: what it holds unread tells the engine that more input is on its way,
     * which a TLS socket cannot say.
     */
    default Http2Connection start(Socket socket, Socket transport, String host, int port, boolean secure,
            ConnectionOptions options, Upgraded upgraded) throws IOException {
        return start(socket, host, port, secure, options, upgraded);
    }

    /**
     * What the h2c upgrade handed over.
     *
     * @param method the method of the request that became stream 1 (HEAD means its response has no body)
     * @param buffered octets already read from the socket after the 101 response: the start of the server's
     *        connection preface, to be parsed before anything read from the socket
     */
    record Upgraded(String method, byte[] buffered) {
    }

    /**
     * The SETTINGS payload (RFC 9113 §6.5.1: 16-bit id, 32-bit value, repeated) sent base64url-encoded in the
     * {@code HTTP2-Settings} header of an h2c upgrade (RFC 7540 §3.2.1). The engine's first SETTINGS frame after the
     * upgrade must carry the same values.
     */
    default byte[] upgradeSettings(ConnectionOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(42);
        setting(out, 0x1, options.headerTableSize());      // SETTINGS_HEADER_TABLE_SIZE
        setting(out, 0x2, options.enablePush() ? 1 : 0);   // SETTINGS_ENABLE_PUSH
        if (options.enablePush()) {
            setting(out, 0x3, options.maxPushedStreams()); // SETTINGS_MAX_CONCURRENT_STREAMS: bounds pushes
        }
        setting(out, 0x4, StartingWindows.of(options).stream()); // SETTINGS_INITIAL_WINDOW_SIZE, as the connection's
        setting(out, 0x5, options.maxFrameSize());         // SETTINGS_MAX_FRAME_SIZE
        setting(out, 0x6, options.maxHeaderListSize());    // SETTINGS_MAX_HEADER_LIST_SIZE
        return out.toByteArray();
    }

    private static void setting(ByteArrayOutputStream out, int id, int value) {
        out.write(id >>> 8);
        out.write(id);
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
