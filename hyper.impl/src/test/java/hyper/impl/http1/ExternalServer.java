package hyper.impl.http1;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server process (h2o, nghttpd, openssl s_server) started by a test on a free loopback port and stopped at
 * the end. A missing binary fails the test with the command that installs it: these tests never skip.
 */
public final class ExternalServer implements AutoCloseable {
    private final Process process;
    private final Path log;
    public final int port;

    private ExternalServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code command} in {@code dir} and waits (bounded) until {@code port} accepts connections. */
    public static ExternalServer start(Path dir, int port, String debianPackage, List<String> command) throws Exception {
        requireBinary(command.get(0), debianPackage);
        Path log = dir.resolve(Path.of(command.get(0)).getFileName() + "-" + port + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ExternalServer server = new ExternalServer(p, log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail(command.get(0) + " exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        fail(command.get(0) + " did not listen on port " + port + " within 15 s: " + Files.readString(log));
        return null;
    }

    /** Waits (bounded) until this server also listens on {@code otherPort}. */
    public void awaitListening(int otherPort) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), otherPort), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("port " + otherPort + " did not listen within 15 s: " + log());
    }

    public static void requireBinary(String binary, String debianPackage) {
        if (!Files.isExecutable(Path.of(binary))) {
            fail(binary + " is missing: install it with `apt-get install -y " + debianPackage + "` (dev/test does)");
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a short command (certificate generation), failing the test on error. */
    public static void run(Path dir, String... command) throws Exception {
        requireBinary(command[0], Path.of(command[0]).getFileName().toString());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
