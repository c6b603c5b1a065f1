package org.schoolesia.testkit;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test undoes when it ends, newest first: the objects it created or changed in the shared
 * demo realm, so the next test of the class starts from the same state without a realm re-import.
 * Register the undo right after the change succeeds; call {@link #close()} from {@code @AfterEach}.
 * Every undo runs even when one fails; the first failure is thrown with the others suppressed.
 */
public final class Cleanup implements AutoCloseable {

    private final Deque<Runnable> undo = new ArrayDeque<>();

    public void add(Runnable action) {
        undo.push(action);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
