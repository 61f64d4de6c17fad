package dev.occam.core.data;

/**
 * Data could not be loaded. The message is one line a user can act on: it names the file or query, and
 * where it can, the row, the column and the bad value. Users see the message, never the stack trace.
 */
public class DataException extends Exception {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
