package hyper.bench.driver;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor under a blocking client on this machine: the CPU one park/unpark round costs when N platform threads each
 * wait for their "response" and a dispatcher thread (a connection's reader) wakes them in batches, with no I/O and no
 * other work. A blocking request pays at least this once; async requests never do.
 *
 * <pre>java -cp hyper.bench/target/classes hyper.bench.driver.WakeCost [threads] [wakes]</pre>
 */
public final class WakeCost {
    private WakeCost() {
    }

    /** One waiting thread: parked until the dispatcher sets its flag. */
    private static final class Waiter {
        final AtomicBoolean ready = new AtomicBoolean();
        volatile Thread thread;
    }

    /** One measurement: {@code wakes} park/unpark rounds among {@code threads} threads. */
    record Result(int threads, long wakes, long nanos, long cpuNanos) {
        double wakesPerSecond() {
            return wakes * 1e9 / nanos;
        }

        double cpuMicrosPerWake() {
            return cpuNanos / 1e3 / wakes;
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "%d threads, %d wakes: %.0f wakes/s, %.2f µs CPU per wake", threads,
                    wakes, wakesPerSecond(), cpuMicrosPerWake());
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long wakes = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < 3; round++) {
            Result r = measure(threads, wakes);
            System.out.printf("%s: %s (%d cpus, load %.2f)%n", round == 0 ? "warm-up" : "round " + round, r.describe(),
                    Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
        }
    }

    /** The better of two runs after a warm-up of a third of {@code wakes}: what the peer driver reports. */
    static Result floor(int threads, long wakes) throws InterruptedException {
        measure(threads, Math.max(1, wakes / 3));
        Result a = measure(threads, wakes);
        Result b = measure(threads, wakes);
        return a.cpuMicrosPerWake() <= b.cpuMicrosPerWake() ? a : b;
    }

    /** Runs {@code wakes} rounds on {@code threads} waiting threads and one dispatcher; the time and CPU they took. */
    static Result measure(int threads, long wakes) throws InterruptedException {
        ConcurrentLinkedQueue<Waiter> waiting = new ConcurrentLinkedQueue<>();
        AtomicLong left = new AtomicLong(wakes);
        AtomicBoolean dispatcherIdle = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        Thread dispatcher = new Thread(() -> {
            while (left.get() > 0) {
                Waiter w = waiting.poll();
                if (w == null) {
                    // like a reader blocked in read(): parks until a waiter announces itself
                    dispatcherIdle.set(true);
                    if (waiting.isEmpty() && left.get() > 0) {
                        LockSupport.parkNanos(1_000_000);
                    }
                    dispatcherIdle.set(false);
                    continue;
                }
                w.ready.set(true);
                LockSupport.unpark(w.thread);
            }
            for (Thread t : workers) {
                LockSupport.unpark(t);
            }
        }, "dispatcher");
        for (int i = 0; i < threads; i++) {
            Waiter w = new Waiter();
            workers[i] = new Thread(() -> {
                w.thread = Thread.currentThread();
                while (left.getAndDecrement() > 0) {
                    w.ready.set(false);
                    waiting.add(w); // "sends a request"
                    if (dispatcherIdle.get()) {
                        LockSupport.unpark(dispatcher);
                    }
                    while (!w.ready.get() && left.get() > 0) {
                        LockSupport.park(w); // "waits for its response"
                    }
                }
            }, "waiter-" + i);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        dispatcher.start();
        for (Thread t : workers) {
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        dispatcher.join();
        long nanos = System.nanoTime() - t0;
        return new Result(threads, wakes, nanos, os.getProcessCpuTime() - cpu0);
    }
}
