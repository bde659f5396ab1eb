package hyper.impl.http2;

import hyper.api.ConnectionOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A scripted peer and a client connected to it; each test scripts the conversation top to bottom. */
abstract class PeerTestBase {
    ScriptedPeer peer;
    Http2ClientConnection client;

    @BeforeEach
    void startPeer() throws IOException {
        peer = new ScriptedPeer();
    }

    @AfterEach
    void stopPeer() throws IOException {
        if (client != null) {
            client.close();
        }
        peer.close();
    }

    /**
     * Short timeouts so failing cases fail fast; tests override what they exercise. The seed's flow control, not the
     * default "auto": these cases script exact WINDOW_UPDATEs, and auto's PINGs and raises have tests of their own.
     */
    ConnectionOptions.Builder options() {
        return ConnectionOptions.builder().secure(false).flowControlProvider("seed")
                .readTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(5))
                .streamSlotTimeout(Duration.ofSeconds(5)).pingTimeout(Duration.ofSeconds(5));
    }

    Http2ClientConnection connect() throws IOException {
        return connect(options());
    }

    Http2ClientConnection connect(ConnectionOptions.Builder options) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port());
        socket.setTcpNoDelay(true);
        client = Http2ClientConnection.start(socket, "127.0.0.1", peer.port(), false, options.build(), null, TestCodec.codec());
        return client;
    }

    /**
     * Connects, takes the preface, sends ours and waits for the client's ACK of it: the state every protocol case
     * starts from. (Waiting matters: a later {@code wantSettingsAck()} must not be satisfied by this ACK.)
     */
    Http2ClientConnection connectAndHandshake() throws IOException {
        connect();
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
        return client;
    }
}
