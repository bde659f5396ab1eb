package hyper.bench.driver;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Virtual threads where the JDK has them (21+), found reflectively: hyper.bench compiles for Java 17. */
final class VirtualThreads {
    private static final MethodHandle UNSTARTED = find();

    private VirtualThreads() {
    }

    static boolean available() {
        return UNSTARTED != null;
    }

    static Thread unstarted(Runnable task) {
        try {
            return (Thread) UNSTARTED.invoke(task);
        } catch (Throwable e) {
            throw new IllegalStateException("virtual threads are not available on Java " + Runtime.version(), e);
        }
    }

    private static MethodHandle find() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder));
            MethodHandle unstarted = lookup.findVirtual(builder, "unstarted", MethodType.methodType(Thread.class, Runnable.class));
            return MethodHandles.foldArguments(unstarted, ofVirtual);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
