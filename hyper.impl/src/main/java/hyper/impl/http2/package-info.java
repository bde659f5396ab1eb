/**
 * The HTTP/2 engine (RFC 9113): framing, the client connection, streams and flow control.
 *
 * <p>{@link hyper.impl.http2.Http2BootstrapProvider} is what {@link hyper.impl.HyperEngine} hands a dialed socket to
 * (TLS after ALPN chose h2, cleartext with prior knowledge, or after an h2c upgrade).
 *
 * <ul>
 * <li><b>Framing.</b> {@code FrameReader} parses and validates every frame type into one reusable buffer and calls a
 *     {@code Handler}; DATA payloads are slices of that buffer, header blocks go fragment by fragment to the HPACK
 *     decoder. {@code FrameWriter} encodes frames into a {@link hyper.api.spi.BlockBuffer}. Neither holds a lock.</li>
 * <li><b>Threads.</b> One reader thread per connection ({@code ConnectionReader}; a platform daemon thread, or a
 *     virtual one with {@code -Dhyper.virtualThreads=true} on Java 21+) applies each frame and wakes the waiting
 *     application thread directly, once per read batch — a batch ends before a read that may wait for the peer
 *     (under TLS the read-ahead transport, {@code hyper.impl.http1.ReadAheadSocket}, says when: JSSE's decrypted
 *     octets run out at every record's end, so that is no sign) or after 256 KiB — (a small response's HEADERS and DATA cost one wake-up; when
 *     the HEADERS came without their DATA but more input is on its way — octets in the TCP socket, under TLS too, or
 *     part of that stream's own DATA frame buffered; never another stream's — the wake waits up to four reads for
 *     the DATA), and
 *     completes {@code requestAsync}/{@code fetchAsync} futures itself. Application threads encode and queue their
 *     own frames; {@code WriteQueue} coalesces them by flat combining, so one socket write carries whatever all
 *     threads queued meanwhile; while the reader is handling a batch, threads leave the write to it, which flushes
 *     once before it reads again. One JVM-wide watchdog thread ({@code Liveness}) looks at timestamps only, and wakes
 *     threads whose read timeout has passed: waits on streams park untimed ({@code StreamWaits}).</li>
 * <li><b>Locks</b>, in order: the connection's stream lock ({@code StreamOpener}: ids, slots, HPACK encoding and
 *     queueing HEADERS, so wire order is HPACK order), {@code SendWindows}' lock, the write queue's locks. A stream's own lock is taken
 *     alone. No {@code synchronized}; no lock is held across a blocking socket write except the write lock, which
 *     callers only try.</li>
 * <li><b>Flow control.</b> Sending waits, bounded by the write timeout, for credit in the stream's and the
 *     connection's windows. Receiving asks a window manager ({@link hyper.api.spi.BaseFlowControlManager}, the
 *     seed's default unless the options or {@code -Dhyper.flowcontrol} say otherwise) through {@code ReceiveWindow}:
 *     a stream's credit is announced only as far as the application has read, so a slow reader holds its stream back
 *     and memory stays within the window; the connection's is announced as DATA arrives, so an unread stream cannot
 *     starve the others. See {@code hyper.impl/FLOW-CONTROL.md}.</li>
 * <li><b>Server push</b> (§8.4, seed §3.1.8), with {@code enablePush}. The reader checks where each PUSH_PROMISE
 *     came and what it promises (connection errors, §5.1.1, §6.6); {@code ServerPushes} then accepts it or resets the
 *     promised stream: PROTOCOL_ERROR for a request that is not a GET or HEAD without content or names an authority
 *     the connection is not authoritative for ({@code PushAuthority}: the certificate's names over TLS, the dialed
 *     host and port over h2c), REFUSED_STREAM beyond {@code maxPushedStreams}. An accepted promise becomes an
 *     even-numbered {@code Http2Stream} whose response is read like any other, and waits in its request stream's
 *     queue until {@code getPushes} takes it. No extra lock: the queue is guarded by the request stream's lock.</li>
 * <li><b>Errors.</b> Rule violations are {@code StreamError} (RST_STREAM, the caller gets a
 *     {@link hyper.api.ProtocolException} or the HPACK error) or {@code ConnectionError} (GOAWAY, every caller gets a
 *     {@link hyper.api.ConnectionException}). Every wait has a bound and ends in a
 *     {@link hyper.api.HyperTimeoutException}.</li>
 * </ul>
 */
package hyper.impl.http2;
