package dev.occam.serve;

/**
 * A request the server refuses, told to the client as {@code {"error": message, "field": field}} with an HTTP
 * status (400, 404, 405, 413). The message names the field and the value; it never carries internals.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final Integer row;

    ApiException(int status, String message) {
        this(status, message, null, null);
    }

    ApiException(int status, String message, String field, Integer row) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.row = row;
    }

    int status() {
        return status;
    }

    /** The input field at fault, or null. */
    String field() {
        return field;
    }

    /** The position of the row at fault in a batch (0-based), or null. */
    Integer row() {
        return row;
    }

    ApiException inRow(int index) {
        return new ApiException(status, "row " + index + ": " + getMessage(), field, index);
    }
}
