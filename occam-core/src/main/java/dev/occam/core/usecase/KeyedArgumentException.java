package dev.occam.core.usecase;

/**
 * A bad argument to one of this package's records, naming the use-case key it came from (dotted, as
 * in {@code selection.folds}) so the reader can point at that key's line. Outside the package it is an
 * ordinary {@link IllegalArgumentException}.
 */
final class KeyedArgumentException extends IllegalArgumentException {

    private final String key;

    KeyedArgumentException(String key, String message) {
        super(message);
        this.key = key;
    }

    String key() {
        return key;
    }
}
