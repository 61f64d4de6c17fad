package dev.occam.runtime.formula;

/** A formula that cannot be read or used as written; the message says what and where, in plain words. */
public final class FormulaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public FormulaException(String message) {
        super(message);
    }
}
