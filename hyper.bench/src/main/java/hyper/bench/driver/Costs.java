package hyper.bench.driver;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;

/**
 * What the driver's own process spends: CPU time (every thread: client, JIT, GC) and heap allocation (every
 * thread). Allocation uses {@code getTotalThreadAllocatedBytes} where the JDK has it (14+), which also counts
 * threads that ended; otherwise the sum over live threads, which misses threads that ended during a round.
 */
final class Costs {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Method TOTAL = totalMethod();

    private Costs() {
    }

    /** CPU nanoseconds this process has used. */
    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** Heap octets allocated so far by this process's threads. */
    static long allocatedBytes() {
        if (TOTAL != null) {
            try {
                return (long) TOTAL.invoke(THREADS);
            } catch (ReflectiveOperationException e) {
                // fall through to the sum
            }
        }
        long sum = 0;
        for (long a : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            if (a > 0) {
                sum += a;
            }
        }
        return sum;
    }

    /** How allocation is counted, for the report. */
    static String allocationMethod() {
        return TOTAL != null ? "getTotalThreadAllocatedBytes" : "sum of live threads' getThreadAllocatedBytes";
    }

    private static Method totalMethod() {
        try {
            Method m = com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
            m.invoke(THREADS);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // an older JDK, or the counter is off
        }
    }
}
