package hyper.impl.http2;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes connection reader threads: platform daemon threads by default, virtual threads when
 * {@code -Dhyper.virtualThreads=true} and the JDK has them (21+). Found reflectively so the code still compiles
 * for and runs on Java 17.
 */
final class ReaderThreads {
    static final String PROPERTY = "hyper.virtualThreads";
    private static final MethodHandle OF_VIRTUAL = find();

    private ReaderThreads() {
    }

    static Thread newThread(Runnable task, String name) {
        if (OF_VIRTUAL != null && Boolean.getBoolean(PROPERTY)) {
            try {
                Thread t = (Thread) OF_VIRTUAL.invoke(task);
                t.setName(name);
                return t;
            } catch (Throwable e) {
                // fall back to a platform thread below
            }
        }
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    private static MethodHandle find() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderClass = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builderClass));
            MethodHandle unstarted = lookup.findVirtual(builderClass, "unstarted",
                    MethodType.methodType(Thread.class, Runnable.class));
            return MethodHandles.foldArguments(unstarted, ofVirtual); // (Runnable) -> Thread.ofVirtual().unstarted(r)
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // Java 17-20: no virtual threads
        }
    }
}
