package dev.occam.core.evaluate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work handed to the fit's pool. */
public final class Futures {

    private Futures() {
    }

    /**
     * The future's value; a failure inside it is rethrown as itself (not wrapped in a {@link CompletionException}),
     * so work on the pool fails as it would have on the calling thread.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
