package dev.occam.runtime.formula;

import java.util.Locale;
import java.util.Objects;

/**
 * One node of a formula's expression tree (R's nls syntax: {@code + - * / ^}, parentheses, the functions of
 * {@link Function}, {@code pi}). Immutable. A name is bound to what it stands for when the formula is read
 * ({@link Formula#parse}): a column of the data ({@link Input}, or the response's {@link Response}) or a
 * parameter to fit ({@link Parameter}).
 */
public sealed interface Expression permits Expression.Constant, Expression.Input, Expression.Response,
        Expression.Parameter, Expression.Negate, Expression.Binary, Expression.Call, Expression.Name {

    /** A number written in the formula ({@code 0.5}, {@code pi}). */
    record Constant(double value) implements Expression {
    }

    /** A column the prediction reads, at {@code index} in the formula's inputs. */
    record Input(String name, int index) implements Expression {
    }

    /** The target column, on the left of {@code ~}. */
    record Response(String name) implements Expression {
    }

    /** A parameter to fit, at {@code index} in the formula's parameters. */
    record Parameter(String name, int index) implements Expression {
    }

    /** A name as written, before the formula knows whether it is a column or a parameter. */
    record Name(String name) implements Expression {
    }

    record Negate(Expression argument) implements Expression {
        public Negate {
            Objects.requireNonNull(argument, "argument");
        }
    }

    /** {@code left op right}, {@code op} one of {@code + - * / ^}. */
    record Binary(char op, Expression left, Expression right) implements Expression {
        public Binary {
            if ("+-*/^".indexOf(op) < 0) {
                throw new IllegalArgumentException("operator must be one of + - * / ^, got '" + op + "'");
            }
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Call(Function function, Expression argument) implements Expression {
        public Call {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(argument, "argument");
        }
    }

    /** The functions a formula may call, as R names them. */
    enum Function {
        EXP, LOG, SQRT, SIN, COS, TAN, ATAN, ABS;

        /** The name as written in a formula. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The function of that name, or null. */
        public static Function named(String word) {
            for (Function f : values()) {
                if (f.word().equals(word)) {
                    return f;
                }
            }
            return null;
        }

        public double apply(double x) {
            return switch (this) {
                case EXP -> Math.exp(x);
                case LOG -> Math.log(x);
                case SQRT -> Math.sqrt(x);
                case SIN -> Math.sin(x);
                case COS -> Math.cos(x);
                case TAN -> Math.tan(x);
                case ATAN -> Math.atan(x);
                case ABS -> Math.abs(x);
            };
        }

        /** The derivative at {@code x}, given {@code fx = apply(x)}. */
        public double derivative(double x, double fx) {
            return switch (this) {
                case EXP -> fx;
                case LOG -> 1.0 / x;
                case SQRT -> 0.5 / fx;
                case SIN -> Math.cos(x);
                case COS -> -Math.sin(x);
                case TAN -> 1.0 + fx * fx;
                case ATAN -> 1.0 / (1.0 + x * x);
                case ABS -> Math.signum(x);
            };
        }
    }
}
