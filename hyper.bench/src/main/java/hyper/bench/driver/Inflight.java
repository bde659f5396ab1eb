package hyper.bench.driver;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a number of asynchronous requests in flight: {@code concurrency} chains, each starting its next request
 * from the completion of the previous one, on whatever thread the client completes it. No submitting thread, no
 * queue: the client's own completion path is all that is measured.
 */
final class Inflight {
    /** Starts one request on chain {@code chain}; the client calls {@code done} once, on any thread. */
    interface Starter {
        void start(int chain, Done done);
    }

    /** The completion of one request. */
    interface Done {
        void ok(long octets);

        void failed(Throwable t);
    }

    private Inflight() {
    }

    /**
     * Runs {@code total} requests, at most {@code concurrency} at a time; returns the body octets received.
     *
     * @throws Exception the first failure, once every chain has stopped
     */
    static long run(long total, int concurrency, Starter starter, long timeoutSeconds) throws Exception {
        AtomicLong remaining = new AtomicLong(total);
        AtomicLong octets = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int chains = (int) Math.min(concurrency, total);
        CountDownLatch stopped = new CountDownLatch(chains);
        for (int i = 0; i < chains; i++) {
            int chain = i;
            Done done = new Done() {
                @Override
                public void ok(long n) {
                    octets.addAndGet(n);
                    next();
                }

                @Override
                public void failed(Throwable t) {
                    failure.compareAndSet(null, t);
                    stopped.countDown(); // a failed chain stops: no retry storms
                }

                private void next() {
                    if (failure.get() == null && remaining.getAndDecrement() > 0) {
                        try {
                            starter.start(chain, this);
                        } catch (RuntimeException e) {
                            failed(e);
                        }
                    } else {
                        stopped.countDown();
                    }
                }
            };
            if (remaining.getAndDecrement() > 0) {
                try {
                    starter.start(chain, done);
                } catch (RuntimeException e) {
                    done.failed(e);
                }
            } else {
                stopped.countDown();
            }
        }
        if (!stopped.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still in flight after " + timeoutSeconds + " s ("
                    + Math.max(0, remaining.get()) + " not started)");
        }
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof Exception e ? e : new RuntimeException(t);
        }
        return octets.get();
    }

    /** One blocking call: returns the body octets received. */
    interface Call {
        long call(int thread) throws Exception;
    }

    /** Runs {@code total} blocking calls on {@code threads} platform threads; returns the body octets received. */
    static long runThreads(long total, int threads, Call call, long timeoutSeconds) throws Exception {
        return runThreads(total, threads, false, call, timeoutSeconds);
    }

    /** Runs {@code total} blocking calls on {@code threads} threads, virtual ones if asked (Java 21+). */
    static long runThreads(long total, int threads, boolean virtual, Call call, long timeoutSeconds) throws Exception {
        AtomicLong remaining = new AtomicLong(total);
        AtomicLong octets = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[(int) Math.min(threads, total)];
        for (int i = 0; i < workers.length; i++) {
            int index = i;
            Runnable loop = () -> {
                try {
                    while (failure.get() == null && remaining.getAndDecrement() > 0) {
                        octets.addAndGet(call.call(index));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            };
            if (virtual) {
                workers[i] = VirtualThreads.unstarted(loop);
            } else {
                workers[i] = new Thread(loop, "driver-blocking-" + i);
                workers[i].setDaemon(true);
            }
            workers[i].start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (Thread w : workers) {
            w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (w.isAlive()) {
                failure.compareAndSet(null, new IllegalStateException("blocking calls still running after " + timeoutSeconds + " s"));
                break;
            }
        }
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof Exception e ? e : new RuntimeException(t);
        }
        return octets.get();
    }
}
