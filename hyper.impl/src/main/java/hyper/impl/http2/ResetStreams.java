package hyper.impl.http2;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Stream ids we reset recently, whose late frames are ignored (§5.1 "closed"). Bounded; oldest forgotten first. */
final class ResetStreams {
    private static final int CAPACITY = 4096;
    private final int[] ring = new int[CAPACITY];
    private final Set<Integer> set = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private int next;
    private int size;

    void add(int id) {
        lock.lock();
        try {
            if (!set.add(id)) {
                return;
            }
            if (size == CAPACITY) {
                set.remove(ring[next]);
            } else {
                size++;
            }
            ring[next] = id;
            next = (next + 1) % CAPACITY;
        } finally {
            lock.unlock();
        }
    }

    boolean contains(int id) {
        return set.contains(id);
    }
}
