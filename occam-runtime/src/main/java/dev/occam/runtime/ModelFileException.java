package dev.occam.runtime;

import java.io.IOException;

/** A model file that cannot be used; the message names the file and what is wrong with it. */
public final class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }
}
