package dev.occam.runtime.formula;

import dev.occam.runtime.formula.Expression.Binary;
import dev.occam.runtime.formula.Expression.Call;
import dev.occam.runtime.formula.Expression.Constant;
import dev.occam.runtime.formula.Expression.Function;
import dev.occam.runtime.formula.Expression.Name;
import dev.occam.runtime.formula.Expression.Negate;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads one side of a formula into an {@link Expression} of unbound {@link Name}s, by recursive descent over R's
 * arithmetic grammar (R Language Definition, section 10.4.2, "Infix and prefix operators"): {@code ^} binds
 * tightest and to the right ({@code 2^3^2} is {@code 2^9}; {@code -2^2} is {@code -4}), then unary minus, then
 * {@code * /}, then {@code + -}, both to the left.
 *
 * <pre>
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/') unary)*
 * unary   := ('-' | '+') unary | power
 * power   := primary ('^' unary)?
 * primary := number | name | name '(' sum ')' | '(' sum ')'
 * </pre>
 */
final class FormulaParser {

    private final String text;
    /** Where this side starts in the whole formula, so positions in messages count from its start. */
    private final int offset;
    private final String whole;
    private int pos;

    private FormulaParser(String whole, String text, int offset) {
        this.whole = whole;
        this.text = text;
        this.offset = offset;
    }

    /**
     * @param whole the formula, for messages
     * @param side one side of it
     * @param offset where {@code side} starts in {@code whole}
     * @throws FormulaException naming the character and what was expected there
     */
    static Expression parse(String whole, String side, int offset) {
        FormulaParser p = new FormulaParser(whole, side, offset);
        p.skipSpace();
        if (p.pos >= side.length()) {
            throw p.error("an expression");
        }
        Expression e = p.sum();
        p.skipSpace();
        if (p.pos < side.length()) {
            throw p.error("an operator (+ - * / ^) or the end");
        }
        return e;
    }

    private Expression sum() {
        Expression left = product();
        while (true) {
            skipSpace();
            if (peek('+') || peek('-')) {
                char op = text.charAt(pos++);
                left = new Binary(op, left, product());
            } else {
                return left;
            }
        }
    }

    private Expression product() {
        Expression left = unary();
        while (true) {
            skipSpace();
            if (peek('*') && !peekAt(pos + 1, '*') || peek('/')) {
                char op = text.charAt(pos++);
                left = new Binary(op, left, unary());
            } else {
                return left;
            }
        }
    }

    private Expression unary() {
        skipSpace();
        if (peek('-')) {
            pos++;
            return new Negate(unary());
        }
        if (peek('+')) {
            pos++;
            return unary();
        }
        return power();
    }

    private Expression power() {
        Expression base = primary();
        skipSpace();
        if (peek('^') || peek('*') && peekAt(pos + 1, '*')) {
            // R reads ** as ^ too.
            pos += peek('^') ? 1 : 2;
            return new Binary('^', base, unary());
        }
        return base;
    }

    private Expression primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a number, a name or '('");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expression inner = sum();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
            return number();
        }
        if (Character.isLetter(c) || c == '.' || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpace();
            if (peek('(')) {
                Function f = Function.named(name);
                if (f == null) {
                    throw new FormulaException("formula " + quote(whole) + ": unknown function '" + name
                            + "' at character " + (offset + start + 1) + "; known: " + functions());
                }
                pos++;
                Expression argument = sum();
                skipSpace();
                if (peek(',')) {
                    throw new FormulaException("formula " + quote(whole) + ": " + name + "() takes one argument,"
                            + " but there is a ',' at character " + (offset + pos + 1));
                }
                expect(')');
                return new Call(f, argument);
            }
            if (name.equals("pi")) {
                return new Constant(Math.PI);
            }
            return new Name(name);
        }
        throw error("a number, a name or '('");
    }

    private Expression number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark;
            }
        }
        String literal = text.substring(start, pos);
        try {
            return new Constant(Double.parseDouble(literal));
        } catch (NumberFormatException e) {
            throw new FormulaException("formula " + quote(whole) + ": '" + literal + "' at character "
                    + (offset + start + 1) + " is not a number");
        }
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return peekAt(pos, c);
    }

    private boolean peekAt(int at, char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private FormulaException error(String expected) {
        String found = pos >= text.length() ? "the end" : "'" + text.charAt(pos) + "'";
        return new FormulaException("formula " + quote(whole) + ": expected " + expected + " at character "
                + (offset + pos + 1) + ", found " + found);
    }

    static String functions() {
        return Arrays.stream(Function.values()).map(Function::word).collect(Collectors.joining(", "));
    }

    static String quote(String s) {
        return "'" + s + "'";
    }
}
