package dev.occam.core.usecase;

/**
 * A use-case file that cannot be used as written. The message is one line a user can act on:
 * {@code usecase.yaml line 7: unknown key 'taget' (did you mean 'target'?; ...)}.
 */
public final class UseCaseException extends Exception {

    private final int line;

    public UseCaseException(String message) {
        this(message, 0, null);
    }

    UseCaseException(String message, int line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** The 1-based line of the use-case file the problem is on, or 0 when no single line is to blame. */
    public int line() {
        return line;
    }
}
