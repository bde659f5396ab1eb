package hyper.api;

import hyper.api.spi.FlowControlFactory;
import hyper.api.spi.HuffmanPolicy;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to open a connection: the seed's constructor arguments (§6.1.1–6.1.3) plus the bounds a serious client
 * needs. Immutable; build with {@link #builder()}. Every wait has a bound: nothing hangs.
 */
public final class ConnectionOptions {
    /** The defaults: TLS decided by the port, verification on, push off, 10 s connect, 30 s for every other wait. */
    public static final ConnectionOptions DEFAULTS = builder().build();

    /** A window size left to the flow-control policy ({@link #initialWindowSize()}, {@link #connectionWindowSize()}). */
    public static final int POLICY_DEFAULT = -1;

    private final Boolean secure;
    private final SSLContext sslContext;
    private final boolean enablePush;
    private final int maxPushedStreams;
    private final String proxyHost;
    private final int proxyPort;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration streamSlotTimeout;
    private final Duration pingTimeout;
    private final int networkBufferSize;
    private final String hpackCodec;
    private final HuffmanPolicy hpackHuffman;
    private final String tlsProvider;
    private final int headerTableSize;
    private final int maxHeaderListSize;
    private final int maxFrameSize;
    private final int initialWindowSize;
    private final int connectionWindowSize;
    private final Protocol forceProtocol;
    private final Duration continueTimeout;
    private final FlowControlFactory flowControl;
    private final String flowControlProvider;

    private ConnectionOptions(Builder b) {
        secure = b.secure;
        sslContext = b.sslContext;
        enablePush = b.enablePush;
        maxPushedStreams = b.maxPushedStreams;
        proxyHost = b.proxyHost;
        proxyPort = b.proxyPort;
        connectTimeout = b.connectTimeout;
        readTimeout = b.readTimeout;
        writeTimeout = b.writeTimeout;
        streamSlotTimeout = b.streamSlotTimeout;
        pingTimeout = b.pingTimeout;
        networkBufferSize = b.networkBufferSize;
        hpackCodec = b.hpackCodec;
        hpackHuffman = b.hpackHuffman;
        tlsProvider = b.tlsProvider;
        headerTableSize = b.headerTableSize;
        maxHeaderListSize = b.maxHeaderListSize;
        maxFrameSize = b.maxFrameSize;
        initialWindowSize = b.initialWindowSize;
        connectionWindowSize = b.connectionWindowSize;
        forceProtocol = b.forceProtocol;
        continueTimeout = b.continueTimeout;
        flowControl = b.flowControl;
        flowControlProvider = b.flowControlProvider;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.secure = secure;
        b.sslContext = sslContext;
        b.enablePush = enablePush;
        b.maxPushedStreams = maxPushedStreams;
        b.proxyHost = proxyHost;
        b.proxyPort = proxyPort;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.streamSlotTimeout = streamSlotTimeout;
        b.pingTimeout = pingTimeout;
        b.networkBufferSize = networkBufferSize;
        b.hpackCodec = hpackCodec;
        b.hpackHuffman = hpackHuffman;
        b.tlsProvider = tlsProvider;
        b.headerTableSize = headerTableSize;
        b.maxHeaderListSize = maxHeaderListSize;
        b.maxFrameSize = maxFrameSize;
        b.initialWindowSize = initialWindowSize;
        b.connectionWindowSize = connectionWindowSize;
        b.forceProtocol = forceProtocol;
        b.continueTimeout = continueTimeout;
        b.flowControl = flowControl;
        b.flowControlProvider = flowControlProvider;
        return b;
    }

    /** Whether to use TLS for {@code port}: as set, else only for port 443 (seed §6.1.1). */
    public boolean secureFor(int port) {
        return secure != null ? secure : port == 443;
    }

    /** TLS as set, or null when the port decides. */
    public Boolean secure() {
        return secure;
    }

    /** The SSLContext to use, or null for the TLS provider's default (the JDK's trusted CAs). */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** Whether the server may push (SETTINGS_ENABLE_PUSH). */
    public boolean enablePush() {
        return enablePush;
    }

    /**
     * With push enabled, how many pushes may be outstanding at once: promised and not yet taken with
     * {@link Http2Connection#getPushes}, or taken while the server is still sending them. Promises beyond it are
     * refused with RST_STREAM(REFUSED_STREAM) (RFC 9113 §8.4.2), and it is sent as SETTINGS_MAX_CONCURRENT_STREAMS
     * (§5.1.2). Bounds what unread pushes can buffer: at most this many stream windows. 100 unless set.
     */
    public int maxPushedStreams() {
        return maxPushedStreams;
    }

    /** The proxy host, or null for none. */
    public String proxyHost() {
        return proxyHost;
    }

    /** The proxy port (8080 unless set, as in the seed). */
    public int proxyPort() {
        return proxyPort;
    }

    /** Bound on TCP connect plus the TLS handshake. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Bound on waiting for response headers or the next body octets. On HTTP/2 it fires no earlier than this and
     * at most a quarter of it (and at most 1 s) later: waiting threads park untimed, and the connection's periodic
     * check wakes them when their time is up.
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Bound on waiting for flow-control credit or socket writes. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** Bound on waiting for a stream slot when MAX_CONCURRENT_STREAMS is reached. */
    public Duration streamSlotTimeout() {
        return streamSlotTimeout;
    }

    /** Bound on waiting for a PING acknowledgement before the connection is declared lost. */
    public Duration pingTimeout() {
        return pingTimeout;
    }

    /** Size of the buffer reads from the network go into (seed's network_buffer_size, 64 KiB). */
    public int networkBufferSize() {
        return networkBufferSize;
    }

    /** The HPACK codec to use by name ("java", "nghttp2"), or null to let priority decide. */
    public String hpackCodec() {
        return hpackCodec;
    }

    /**
     * When the HPACK encoder Huffman-codes strings, or null for the {@code hyper.hpack.huffman} system property's
     * choice, else {@link HuffmanPolicy#WHEN_SHORTER} (see {@link HuffmanPolicy}).
     */
    public HuffmanPolicy hpackHuffman() {
        return hpackHuffman;
    }

    /** The TLS provider to use by name, or null for the default. */
    public String tlsProvider() {
        return tlsProvider;
    }

    /** Our SETTINGS_HEADER_TABLE_SIZE: the decoder's dynamic table limit. */
    public int headerTableSize() {
        return headerTableSize;
    }

    /** Our SETTINGS_MAX_HEADER_LIST_SIZE: the largest response header list accepted. */
    public int maxHeaderListSize() {
        return maxHeaderListSize;
    }

    /** Our SETTINGS_MAX_FRAME_SIZE: the largest frame payload we accept. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * Our SETTINGS_INITIAL_WINDOW_SIZE: each stream's receive window, which is also the most an unread stream buffers;
     * or {@link #POLICY_DEFAULT} (-1) when not set: the flow-control policy's
     * {@link FlowControlFactory#defaultInitialWindowSize()} (65,535 for {@code "seed"}, 16 MiB for {@code "auto"}).
     */
    public int initialWindowSize() {
        return initialWindowSize;
    }

    /**
     * The connection's receive window (raised from 65,535 with a WINDOW_UPDATE at start when larger); or
     * {@link #POLICY_DEFAULT} (-1) when not set: the policy's {@link FlowControlFactory#defaultConnectionWindowSize()}.
     */
    public int connectionWindowSize() {
        return connectionWindowSize;
    }

    /**
     * The protocol {@link HttpConnection} must use without negotiating (the seed's {@code force_proto}), or null
     * to negotiate: ALPN over TLS, the h2c upgrade over cleartext.
     */
    public Protocol forceProtocol() {
        return forceProtocol;
    }

    /**
     * How long an HTTP/1.1 request with {@code Expect: 100-continue} waits for {@code 100 Continue} (or a final
     * status) before sending its body anyway (RFC 9110 §10.1.1). 1 s unless set.
     */
    public Duration continueTimeout() {
        return continueTimeout;
    }

    /**
     * The factory of flow-control managers (the seed's {@code window_manager} class), or null to use a provider.
     * It wins over {@link #flowControlProvider()}.
     */
    public FlowControlFactory flowControl() {
        return flowControl;
    }

    /**
     * The flow-control provider to use by name ({@code "auto"}, {@code "seed"}, or a user module's), or null for
     * the {@code hyper.flowcontrol} system property, else the highest-priority provider.
     */
    public String flowControlProvider() {
        return flowControlProvider;
    }

    /** Builds {@link ConnectionOptions}. */
    public static final class Builder {
        private Boolean secure;
        private SSLContext sslContext;
        private boolean enablePush;
        private int maxPushedStreams = 100;
        private String proxyHost;
        private int proxyPort = 8080;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration streamSlotTimeout = Duration.ofSeconds(30);
        private Duration pingTimeout = Duration.ofSeconds(10);
        private int networkBufferSize = 64 * 1024;
        private String hpackCodec;
        private HuffmanPolicy hpackHuffman;
        private String tlsProvider;
        private int headerTableSize = 4096;
        private int maxHeaderListSize = 64 * 1024;
        private int maxFrameSize = 16 * 1024;
        private int initialWindowSize = POLICY_DEFAULT;
        private int connectionWindowSize = POLICY_DEFAULT;
        private Protocol forceProtocol;
        private Duration continueTimeout = Duration.ofSeconds(1);
        private FlowControlFactory flowControl;
        private String flowControlProvider;

        private Builder() {
        }

        /** Use TLS (true) or cleartext h2c (false); unset, port 443 means TLS. */
        public Builder secure(boolean value) {
            secure = value;
            return this;
        }

        /** The SSLContext to use (seed's ssl_context), e.g. one that trusts a test CA. */
        public Builder sslContext(SSLContext value) {
            sslContext = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Let the server push (seed's enable_push): SETTINGS_ENABLE_PUSH=1, and the pushes are taken with
         * {@link Http2Connection#getPushes}. Off by default, when a PUSH_PROMISE is a connection error.
         */
        public Builder enablePush(boolean value) {
            enablePush = value;
            return this;
        }

        /** How many pushes may be outstanding at once (see {@link ConnectionOptions#maxPushedStreams()}). */
        public Builder maxPushedStreams(int value) {
            maxPushedStreams = requireRange("max pushed streams", value, 0, Integer.MAX_VALUE);
            return this;
        }

        /** Go through this proxy; the port defaults to 8080 unless given in {@code host} or set. */
        public Builder proxy(String host, int port) {
            proxyHost = Objects.requireNonNull(host);
            proxyPort = requireRange("proxy port", port, 1, 65_535);
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = requirePositive(value);
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = requirePositive(value);
            return this;
        }

        public Builder writeTimeout(Duration value) {
            writeTimeout = requirePositive(value);
            return this;
        }

        public Builder streamSlotTimeout(Duration value) {
            streamSlotTimeout = requirePositive(value);
            return this;
        }

        public Builder pingTimeout(Duration value) {
            pingTimeout = requirePositive(value);
            return this;
        }

        public Builder networkBufferSize(int value) {
            networkBufferSize = requireRange("network buffer size", value, 1024, 64 * 1024 * 1024);
            return this;
        }

        /** Name the HPACK codec ("java" or "nghttp2"); overrides the {@code hyper.hpack} system property. */
        public Builder hpackCodec(String name) {
            hpackCodec = Objects.requireNonNull(name);
            return this;
        }

        /**
         * When the HPACK encoder Huffman-codes strings: {@link HuffmanPolicy#WHEN_SHORTER} (the default; smallest
         * blocks), {@link HuffmanPolicy#NEVER}, or {@link HuffmanPolicy#atLeast} a length (raw below it, less CPU).
         * Overrides the {@code hyper.hpack.huffman} system property.
         */
        public Builder hpackHuffman(HuffmanPolicy policy) {
            hpackHuffman = Objects.requireNonNull(policy);
            return this;
        }

        /** Name the TLS provider; overrides the {@code hyper.tls} system property. */
        public Builder tlsProvider(String name) {
            tlsProvider = Objects.requireNonNull(name);
            return this;
        }

        public Builder headerTableSize(int value) {
            headerTableSize = requireRange("header table size", value, 0, Integer.MAX_VALUE);
            return this;
        }

        public Builder maxHeaderListSize(int value) {
            maxHeaderListSize = requireRange("max header list size", value, 0, Integer.MAX_VALUE);
            return this;
        }

        /** RFC 9113 §6.5.2: between 16,384 and 16,777,215. */
        public Builder maxFrameSize(int value) {
            maxFrameSize = requireRange("max frame size", value, 16_384, 16_777_215);
            return this;
        }

        /** RFC 9113 §6.9.2: at most 2^31-1. Unset, the flow-control policy chooses. */
        public Builder initialWindowSize(int value) {
            initialWindowSize = requireRange("initial window size", value, 0, Integer.MAX_VALUE);
            return this;
        }

        /** At least the protocol's 65,535 starting value, at most 2^31-1. Unset, the flow-control policy chooses. */
        public Builder connectionWindowSize(int value) {
            connectionWindowSize = requireRange("connection window size", value, 65_535, Integer.MAX_VALUE);
            return this;
        }

        /** Use this protocol without negotiating (seed {@code force_proto}); null negotiates. */
        public Builder forceProtocol(Protocol value) {
            forceProtocol = value;
            return this;
        }

        /** How long {@code Expect: 100-continue} waits before the body is sent anyway. */
        public Builder continueTimeout(Duration value) {
            continueTimeout = requirePositive(value);
            return this;
        }

        /**
         * Manage receive windows with managers from {@code factory}, e.g. {@code MyManager::new} (the seed's
         * {@code window_manager=MyManager}): one for the connection, one per stream. Overrides any provider name.
         */
        public Builder flowControl(FlowControlFactory factory) {
            flowControl = Objects.requireNonNull(factory);
            return this;
        }

        /** Name the flow-control provider ("auto", "seed", or a user module's); overrides {@code hyper.flowcontrol}. */
        public Builder flowControlProvider(String name) {
            flowControlProvider = Objects.requireNonNull(name);
            return this;
        }

        public ConnectionOptions build() {
            return new ConnectionOptions(this);
        }

        private static int requireRange(String what, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], was " + value);
            }
            return value;
        }

        private static Duration requirePositive(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, was " + d);
            }
            return d;
        }
    }
}
