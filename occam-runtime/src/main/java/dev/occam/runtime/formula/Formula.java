package dev.occam.runtime.formula;

import dev.occam.runtime.formula.Expression.Binary;
import dev.occam.runtime.formula.Expression.Call;
import dev.occam.runtime.formula.Expression.Constant;
import dev.occam.runtime.formula.Expression.Function;
import dev.occam.runtime.formula.Expression.Input;
import dev.occam.runtime.formula.Expression.Name;
import dev.occam.runtime.formula.Expression.Negate;
import dev.occam.runtime.formula.Expression.Parameter;
import dev.occam.runtime.formula.Expression.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A model equation in R's nls syntax, {@code response ~ expression}, read and bound: on the right, names that are
 * columns of the data are the inputs (in order of first appearance), the other names are the parameters to fit
 * (likewise); the left is the target column, possibly transformed by an invertible expression ({@code log(y)},
 * {@code sqrt(y)}, {@code y / 100}), so that a prediction can be given on the target's own scale. Immutable and
 * thread-safe; evaluating allocates nothing, except {@link #valueAndGradient}, which differentiates exactly by
 * forward-mode automatic differentiation over the tree (Griewank &amp; Walther, <i>Evaluating Derivatives</i>,
 * SIAM 2008, chapter 3).
 */
public final class Formula {

    private final String text;
    private final String target;
    private final Expression response;
    private final Expression rhs;
    private final List<String> inputs;
    private final List<String> parameters;

    private Formula(String text, String target, Expression response, Expression rhs, List<String> inputs,
            List<String> parameters) {
        this.text = text;
        this.target = target;
        this.response = response;
        this.rhs = rhs;
        this.inputs = List.copyOf(inputs);
        this.parameters = List.copyOf(parameters);
    }

    /**
     * Reads {@code text} as {@code response ~ expression}.
     *
     * @param target the target column, which the left side must be (or transform)
     * @param isColumn whether a name is a column of the data (an input); other names are parameters
     * @throws FormulaException in plain words: a syntax error with its position, an unknown function, a left side
     *     that is not the target or cannot be inverted, the target on the right, no parameter at all
     */
    public static Formula parse(String text, String target, Predicate<String> isColumn) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(target, "target");
        String quoted = FormulaParser.quote(text);
        int tilde = text.indexOf('~');
        if (tilde < 0) {
            throw new FormulaException("formula " + quoted + " has no '~': write it as " + target
                    + " ~ expression, such as " + target + " ~ a * x / (b + x)");
        }
        if (text.indexOf('~', tilde + 1) >= 0) {
            throw new FormulaException("formula " + quoted + " has more than one '~'");
        }
        String left = text.substring(0, tilde);
        if (left.isBlank()) {
            throw new FormulaException("formula " + quoted + " has nothing left of '~'; write the target " + target
                    + " there");
        }
        Expression lhs = FormulaParser.parse(text, left, 0);
        Expression right = FormulaParser.parse(text, text.substring(tilde + 1), tilde + 1);
        List<String> inputs = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        collect(right, target, isColumn, inputs, parameters, text);
        if (parameters.isEmpty()) {
            throw new FormulaException("formula " + quoted + " has no parameter to fit: every name on the right ("
                    + String.join(", ", inputs) + ") is a column of the data");
        }
        Expression boundRight = bind(right, inputs, parameters);
        Expression boundLeft = bindResponse(lhs, target, text);
        int mentions = count(boundLeft);
        if (mentions != 1) {
            throw new FormulaException("formula " + quoted + ": the left of '~' must be the target " + target
                    + (mentions == 0 ? ", or a function of it such as log(" + target + ")" : " once, not " + mentions
                            + " times"));
        }
        checkInvertible(boundLeft, text);
        return new Formula(text, target, boundLeft, boundRight, inputs, parameters);
    }

    private static void collect(Expression e, String target, Predicate<String> isColumn, List<String> inputs,
            List<String> parameters, String text) {
        if (e instanceof Name n) {
            if (n.name().equals(target)) {
                throw new FormulaException("formula " + FormulaParser.quote(text) + ": the target " + target
                        + " is on the right of '~'; the right side predicts it from other columns");
            }
            List<String> into = isColumn.test(n.name()) ? inputs : parameters;
            if (!into.contains(n.name())) {
                into.add(n.name());
            }
        } else if (e instanceof Negate g) {
            collect(g.argument(), target, isColumn, inputs, parameters, text);
        } else if (e instanceof Binary b) {
            collect(b.left(), target, isColumn, inputs, parameters, text);
            collect(b.right(), target, isColumn, inputs, parameters, text);
        } else if (e instanceof Call c) {
            collect(c.argument(), target, isColumn, inputs, parameters, text);
        }
    }

    private static Expression bind(Expression e, List<String> inputs, List<String> parameters) {
        if (e instanceof Name n) {
            return inputs.contains(n.name()) ? new Input(n.name(), inputs.indexOf(n.name()))
                    : new Parameter(n.name(), parameters.indexOf(n.name()));
        } else if (e instanceof Negate g) {
            return new Negate(bind(g.argument(), inputs, parameters));
        } else if (e instanceof Binary b) {
            return new Binary(b.op(), bind(b.left(), inputs, parameters), bind(b.right(), inputs, parameters));
        } else if (e instanceof Call c) {
            return new Call(c.function(), bind(c.argument(), inputs, parameters));
        }
        return e;
    }

    private static Expression bindResponse(Expression e, String target, String text) {
        if (e instanceof Name n) {
            if (!n.name().equals(target)) {
                throw new FormulaException("formula " + FormulaParser.quote(text) + ": the left of '~' names "
                        + n.name() + ", but the target is " + target + "; the left side is the target, possibly"
                        + " transformed (log(" + target + ")), with no parameter or other column");
            }
            return new Response(target);
        } else if (e instanceof Negate g) {
            return new Negate(bindResponse(g.argument(), target, text));
        } else if (e instanceof Binary b) {
            return new Binary(b.op(), bindResponse(b.left(), target, text), bindResponse(b.right(), target, text));
        } else if (e instanceof Call c) {
            return new Call(c.function(), bindResponse(c.argument(), target, text));
        }
        return e;
    }

    private static int count(Expression e) {
        if (e instanceof Response) {
            return 1;
        } else if (e instanceof Negate g) {
            return count(g.argument());
        } else if (e instanceof Binary b) {
            return count(b.left()) + count(b.right());
        } else if (e instanceof Call c) {
            return count(c.argument());
        }
        return 0;
    }

    private static void checkInvertible(Expression e, String text) {
        if (e instanceof Call c) {
            if (count(c.argument()) > 0 && Set.of(Function.SIN, Function.COS, Function.ABS).contains(c.function())) {
                throw new FormulaException("formula " + FormulaParser.quote(text) + ": the left of '~' applies "
                        + c.function().word() + "() to the target, which cannot be undone to give a prediction; "
                        + "use a transformation with an inverse (log, exp, sqrt, atan, tan, ^, * / + - by numbers)");
            }
            checkInvertible(c.argument(), text);
        } else if (e instanceof Binary b) {
            checkInvertible(b.left(), text);
            checkInvertible(b.right(), text);
        } else if (e instanceof Negate g) {
            checkInvertible(g.argument(), text);
        }
    }

    public String text() {
        return text;
    }

    public String target() {
        return target;
    }

    /** The columns the right side reads, in order of first appearance. */
    public List<String> inputs() {
        return inputs;
    }

    /** The parameters to fit, in order of first appearance. */
    public List<String> parameters() {
        return parameters;
    }

    /** The right side's tree, bound. */
    public Expression expression() {
        return rhs;
    }

    /** Whether the left side transforms the target (more than the target itself). */
    public boolean transformsResponse() {
        return !(response instanceof Response);
    }

    /** The left side at a target value: what the right side is fitted to. */
    public double response(double y) {
        return value(response, y, null, null);
    }

    /** The target value whose left side is {@code v}: the right side's value back on the target's scale. */
    public double inverseResponse(double v) {
        return invert(response, v);
    }

    /** The right side at one row of inputs (in {@link #inputs()} order) and the parameters. */
    public double value(double[] x, double[] theta) {
        return value(rhs, Double.NaN, x, theta);
    }

    /**
     * The right side and its exact gradient with respect to the parameters, by forward-mode differentiation.
     *
     * @param gradient filled with one partial derivative per parameter
     * @return the right side's value
     */
    public double valueAndGradient(double[] x, double[] theta, double[] gradient) {
        java.util.Arrays.fill(gradient, 0.0);
        return dual(rhs, x, theta, gradient);
    }

    private static double value(Expression e, double y, double[] x, double[] theta) {
        if (e instanceof Constant c) {
            return c.value();
        } else if (e instanceof Input in) {
            return x[in.index()];
        } else if (e instanceof Parameter p) {
            return theta[p.index()];
        } else if (e instanceof Response) {
            return y;
        } else if (e instanceof Negate g) {
            return -value(g.argument(), y, x, theta);
        } else if (e instanceof Binary b) {
            double l = value(b.left(), y, x, theta);
            double r = value(b.right(), y, x, theta);
            return switch (b.op()) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                case '/' -> l / r;
                default -> Math.pow(l, r);
            };
        } else if (e instanceof Call c) {
            return c.function().apply(value(c.argument(), y, x, theta));
        }
        throw new IllegalStateException("unbound name in " + e);
    }

    /** Forward mode: returns the value, writes the node's gradient into {@code g} (zeroed by the caller). */
    private static double dual(Expression e, double[] x, double[] theta, double[] g) {
        if (e instanceof Constant c) {
            return c.value();
        } else if (e instanceof Input in) {
            return x[in.index()];
        } else if (e instanceof Parameter p) {
            g[p.index()] = 1.0;
            return theta[p.index()];
        } else if (e instanceof Negate n) {
            double v = dual(n.argument(), x, theta, g);
            for (int k = 0; k < g.length; k++) {
                g[k] = -g[k];
            }
            return -v;
        } else if (e instanceof Call c) {
            double a = dual(c.argument(), x, theta, g);
            double fa = c.function().apply(a);
            double d = c.function().derivative(a, fa);
            for (int k = 0; k < g.length; k++) {
                g[k] = g[k] == 0.0 ? 0.0 : d * g[k];
            }
            return fa;
        } else if (e instanceof Binary b) {
            double[] gr = new double[g.length];
            double l = dual(b.left(), x, theta, g);
            double r = dual(b.right(), x, theta, gr);
            switch (b.op()) {
                case '+':
                    for (int k = 0; k < g.length; k++) {
                        g[k] += gr[k];
                    }
                    return l + r;
                case '-':
                    for (int k = 0; k < g.length; k++) {
                        g[k] -= gr[k];
                    }
                    return l - r;
                case '*':
                    for (int k = 0; k < g.length; k++) {
                        g[k] = g[k] * r + l * gr[k];
                    }
                    return l * r;
                case '/': {
                    double q = l / r;
                    for (int k = 0; k < g.length; k++) {
                        g[k] = (g[k] - q * gr[k]) / r;
                    }
                    return q;
                }
                default: {
                    double v = Math.pow(l, r);
                    // d(l^r) = r l^(r-1) dl + l^r log(l) dr; each part only where its partial is not zero, so a
                    // constant exponent never asks for the log of a negative base.
                    double dl = r * Math.pow(l, r - 1);
                    double logL = Math.log(l);
                    for (int k = 0; k < g.length; k++) {
                        double part = g[k] == 0.0 ? 0.0 : dl * g[k];
                        if (gr[k] != 0.0) {
                            part += v * logL * gr[k];
                        }
                        g[k] = part;
                    }
                    return v;
                }
            }
        }
        throw new IllegalStateException("not on the right side: " + e);
    }

    private static boolean hasResponse(Expression e) {
        return count(e) > 0;
    }

    private static double invert(Expression e, double v) {
        if (e instanceof Response) {
            return v;
        } else if (e instanceof Negate g) {
            return invert(g.argument(), -v);
        } else if (e instanceof Call c) {
            double w = switch (c.function()) {
                case EXP -> Math.log(v);
                case LOG -> Math.exp(v);
                case SQRT -> v * v;
                case ATAN -> Math.tan(v);
                case TAN -> Math.atan(v);
                default -> throw new IllegalStateException(c.function() + " has no inverse");
            };
            return invert(c.argument(), w);
        } else if (e instanceof Binary b) {
            boolean inLeft = hasResponse(b.left());
            Expression other = inLeft ? b.right() : b.left();
            double o = value(other, Double.NaN, null, null);
            Expression inner = inLeft ? b.left() : b.right();
            double w = switch (b.op()) {
                case '+' -> v - o;
                case '-' -> inLeft ? v + o : o - v;
                case '*' -> v / o;
                case '/' -> inLeft ? v * o : o / v;
                default -> inLeft ? Math.pow(v, 1.0 / o) : Math.log(v) / Math.log(o);
            };
            return invert(inner, w);
        }
        throw new IllegalStateException("the left side does not hold the response: " + e);
    }

    /**
     * The degree of the right side as a polynomial in the given parameters (0: free of them, 1: affine in them
     * jointly), {@link Integer#MAX_VALUE} when not a polynomial in them. Read from the tree, not probed.
     */
    public int degreeIn(Set<Integer> parameterIndices) {
        return degree(rhs, parameterIndices);
    }

    private static int degree(Expression e, Set<Integer> in) {
        int inf = Integer.MAX_VALUE;
        if (e instanceof Parameter p) {
            return in.contains(p.index()) ? 1 : 0;
        } else if (e instanceof Negate g) {
            return degree(g.argument(), in);
        } else if (e instanceof Call c) {
            return degree(c.argument(), in) == 0 ? 0 : inf;
        } else if (e instanceof Binary b) {
            int l = degree(b.left(), in);
            int r = degree(b.right(), in);
            return switch (b.op()) {
                case '+', '-' -> Math.max(l, r);
                case '*' -> l == inf || r == inf ? inf : l + r;
                case '/' -> r == 0 ? l : inf;
                default -> l == 0 && r == 0 ? 0 : inf;
            };
        }
        return 0;
    }

    /** The formula's right side written with the given parameter values in place of their names. */
    public String write(double[] theta) {
        return target + (transformsResponse() ? " (as " + write(response, theta, 0) + ")" : "") + " = "
                + write(rhs, theta, 0);
    }

    /** The formula's equation with names: {@code rate = Vm * conc / (K + conc)}. */
    public String equation() {
        return write(response, null, 0) + " = " + write(rhs, null, 0);
    }

    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int UNARY = 3;
    private static final int POWER = 4;
    private static final int ATOM = 5;

    private static int precedence(Expression e, double[] theta) {
        if (e instanceof Binary b) {
            return b.op() == '+' || b.op() == '-' ? SUM : b.op() == '^' ? POWER : PRODUCT;
        } else if (e instanceof Negate) {
            return UNARY;
        } else if (e instanceof Constant c) {
            return c.value() < 0 ? UNARY : ATOM;
        } else if (e instanceof Parameter p) {
            return theta != null && theta[p.index()] < 0 ? UNARY : ATOM;
        }
        return ATOM;
    }

    private static String write(Expression e, double[] theta, int needed) {
        String s;
        if (e instanceof Constant c) {
            s = c.value() == Math.PI ? "pi" : number(c.value());
        } else if (e instanceof Input in) {
            s = in.name();
        } else if (e instanceof Response r) {
            s = r.name();
        } else if (e instanceof Name n) {
            s = n.name();
        } else if (e instanceof Parameter p) {
            s = theta == null ? p.name() : number(theta[p.index()]);
        } else if (e instanceof Negate g) {
            s = "-" + write(g.argument(), theta, UNARY);
        } else if (e instanceof Call c) {
            s = c.function().word() + "(" + write(c.argument(), theta, 0) + ")";
        } else {
            Binary b = (Binary) e;
            int own = precedence(b, theta);
            String op = b.op() == '^' ? "^" : " " + b.op() + " ";
            int leftNeeds = b.op() == '^' ? ATOM : own;
            int rightNeeds = b.op() == '^' ? UNARY : own + 1;
            s = write(b.left(), theta, leftNeeds) + op + write(b.right(), theta, rightNeeds);
        }
        return precedence(e, theta) < needed ? "(" + s + ")" : s;
    }

    /** A number as the equation writes it: whole numbers plainly, others to 6 significant digits. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
    }

    @Override
    public String toString() {
        return text;
    }
}
