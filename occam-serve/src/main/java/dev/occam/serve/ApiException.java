package dev.occam.serve;

/**
 * A request the server refuses, told to the client as {@code {"error": message, "field": field}} with an HTTP
 * status (400, 401, 404, 405, 408, 413, 429, 503). The message names the field and the value; it never carries internals.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final Integer row;
    private final String header;
    private final String headerValue;

    ApiException(int status, String message) {
        this(status, message, null, null);
    }

    ApiException(int status, String message, String field, Integer row) {
        this(status, message, field, row, null, null);
    }

    private ApiException(int status, String message, String field, Integer row, String header, String headerValue) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.row = row;
        this.header = header;
        this.headerValue = headerValue;
    }

    /** This refusal with a header the answer must carry ({@code Allow}, {@code WWW-Authenticate}, {@code Retry-After}). */
    ApiException withHeader(String name, String value) {
        return new ApiException(status, getMessage(), field, row, name, value);
    }

    /** The name of the header the answer carries, or null. */
    String header() {
        return header;
    }

    String headerValue() {
        return headerValue;
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
        return new ApiException(status, "row " + index + ": " + getMessage(), field, index, header, headerValue);
    }
}
