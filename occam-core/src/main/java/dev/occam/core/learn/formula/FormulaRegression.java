package dev.occam.core.learn.formula;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.runtime.FitDiagnostics;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.formula.Formula;
import dev.occam.runtime.scorer.FormulaScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * The equation the domain already knows, fitted by nonlinear least squares: the use case's {@code formula} in R's
 * nls syntax ({@code rate ~ Vm * conc / (K + conc)}), its parameters estimated by Levenberg-Marquardt
 * ({@link NonlinearLeastSquares}) from the use case's {@code start} values, as R's
 * {@code nls(formula, data, start)} (Bates &amp; Watts, <i>Nonlinear Regression Analysis and Its Applications</i>,
 * Wiley 1988). Names in {@code start} are parameters; other names are inputs when they are columns of the data,
 * else parameters too. A parameter without a start value is found by linear least squares when the formula is
 * linear in every such parameter jointly (as {@code Vm} in the example: the "conditionally linear" parameters of
 * Bates &amp; Watts, section 3.5.5), the others held at their starts; otherwise its start is required.
 *
 * <p>Rows with a missing input or target are left out of the fit, as R's {@code na.omit}; at scoring time a
 * missing input takes its training median. The fitted model carries the inference of {@code summary(nls)}
 * (estimates, standard errors from {@code σ² (JᵀJ)⁻¹} at the solution with {@code σ² = RSS / (n − p)}, t values,
 * p-values on n − p degrees of freedom) and Wald 95% intervals {@code estimate ± z₀.₉₇₅ SE}, as R's
 * {@code confint.default}.
 *
 * <p>What fails, and how it shows: a formula that does not read (an unknown function, a syntax error), that reads
 * a categorical column, a start value that is no parameter, a start at which the formula is undefined or at which
 * a parameter has no effect (its derivative zero on every row), and too few rows are errors, one sentence naming
 * what; an iteration that diverges or does not converge, and a singular gradient at the end, give a model whose
 * diagnostics say it did not converge and why, which makes it ineligible ({@code RefitCheck}).
 */
public final class FormulaRegression implements Learner {

    /** The family's name in use cases, leaderboards and model files. */
    public static final String FAMILY = "formula";

    /** How the estimate is obtained, for the diagnostics. */
    public static final String METHOD = "nonlinear least squares (Levenberg-Marquardt)";

    /** z₀.₉₇₅, the Wald interval's multiplier (R's confint.default). */
    static final double Z_975 = 1.959963984540054;

    /**
     * @param formula the model equation in R's nls syntax, {@code target ~ expression}
     * @param start starting values of parameters by name; may leave out those the formula is linear in
     * @param maxIterations the Levenberg-Marquardt iteration budget, >= 1
     */
    public record Options(String formula, Map<String, Double> start, int maxIterations) {

        public static final int DEFAULT_MAX_ITERATIONS = 200;

        public Options {
            Objects.requireNonNull(formula, "formula");
            if (formula.isBlank()) {
                throw new IllegalArgumentException("formula must not be empty");
            }
            start = Collections.unmodifiableMap(new LinkedHashMap<>(start == null ? Map.of() : start));
            for (Map.Entry<String, Double> e : start.entrySet()) {
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw new IllegalArgumentException("start value of " + e.getKey() + " must be a finite number: "
                            + e.getValue());
                }
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
            }
        }

        public static Options of(String formula, Map<String, Double> start) {
            return new Options(formula, start, DEFAULT_MAX_ITERATIONS);
        }
    }

    private final Options options;

    public FormulaRegression(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /** Rung 2: a person reads the whole model, an equation with a handful of numbers. */
    @Override
    public int rung() {
        return 2;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.REGRESSION, Capability.MISSING_VALUES, Capability.EXPLAINABLE);
    }

    /** The formula read against the columns of {@code features}: names given a start value are parameters. */
    public Formula formulaFor(Frame features, String target) {
        return Formula.parse(options.formula(), target,
                name -> features.hasColumn(name) && !options.start().containsKey(name));
    }

    @Override
    public Model fit(Frame features, Target target) {
        if (!target.info().isRegression()) {
            throw new IllegalArgumentException("the formula predicts a number, but " + target.info().name() + " is a "
                    + target.info().task().word() + " target");
        }
        target.requireRowsOf(features);
        Formula formula = formulaFor(features, target.info().name());
        List<String> parameters = formula.parameters();
        for (String name : options.start().keySet()) {
            if (!parameters.contains(name)) {
                throw new IllegalArgumentException("start gives a value for " + name + ", which is not a parameter of"
                        + " the formula " + formula.text() + " (its parameters: " + String.join(", ", parameters) + ")");
            }
        }
        List<String> inputs = formula.inputs();
        double[][] columns = new double[inputs.size()][];
        List<Feature> schema = new ArrayList<>();
        for (int j = 0; j < inputs.size(); j++) {
            Column c = features.column(inputs.get(j));
            if (!(c instanceof NumericColumn numeric)) {
                throw new IllegalArgumentException("the formula " + formula.text() + " reads " + inputs.get(j)
                        + ", a categorical column; a formula's columns must be numbers");
            }
            columns[j] = numeric.values();
            schema.add(Feature.numeric(inputs.get(j)));
        }
        // Complete rows only, as R's na.omit.
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            boolean complete = !Double.isNaN(target.value(i));
            for (double[] column : columns) {
                complete &= !Double.isNaN(column[i]);
            }
            if (complete) {
                kept.add(i);
            }
        }
        int n = kept.size();
        int p = parameters.size();
        if (n <= p) {
            throw new IllegalArgumentException("the formula " + formula.text() + " has " + p + " parameters, so it needs"
                    + " more than " + p + " rows with every value present, but there are " + n);
        }
        double[][] x = new double[n][inputs.size()];
        double[] response = new double[n];
        for (int r = 0; r < n; r++) {
            int i = kept.get(r);
            for (int j = 0; j < columns.length; j++) {
                x[r][j] = columns[j][i];
            }
            double y = target.value(i);
            response[r] = formula.response(y);
            if (!Double.isFinite(response[r])) {
                throw new IllegalArgumentException("the left of the formula " + formula.text() + " is undefined for "
                        + target.info().name() + " = " + y + " (row " + (i + 1) + ")");
            }
        }
        NonlinearLeastSquares.Problem problem = new NonlinearLeastSquares.Problem(formula, x, response);
        double[] start = startingValues(problem);
        NonlinearLeastSquares.Result result = NonlinearLeastSquares.fit(problem, start, options.maxIterations());

        FormulaScorer scorer = new FormulaScorer(formula, new Schema(schema), result.theta(),
                inference(result, n, p), medians(columns));
        List<String> findings = new ArrayList<>();
        if (n < target.size()) {
            findings.add((target.size() - n) + " of " + target.size() + " rows have a missing value of "
                    + String.join(" or ", vocabulary(formula)) + " and were left out of the fit.");
        }
        if (result.failure() != null) {
            findings.add(capitalised(result.failure()) + ".");
        }
        return Model.of(FAMILY, target.info(), scorer)
                .withDiagnostics(new FitDiagnostics(result.converged(), METHOD, findings));
    }

    private static List<String> vocabulary(Formula formula) {
        List<String> out = new ArrayList<>(formula.inputs());
        out.add(formula.target());
        return out;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The start values given, the others solved by linear least squares (the formula being affine in them) with
     * the given ones held; then checked: finite values and derivatives, and every parameter with an effect.
     */
    private double[] startingValues(NonlinearLeastSquares.Problem problem) {
        Formula formula = problem.formula();
        List<String> parameters = formula.parameters();
        int p = parameters.size();
        double[] theta = new double[p];
        Set<Integer> free = new TreeSet<>();
        for (int k = 0; k < p; k++) {
            Double given = options.start().get(parameters.get(k));
            if (given == null) {
                free.add(k);
            } else {
                theta[k] = given;
            }
        }
        int n = problem.rows();
        if (!free.isEmpty()) {
            List<String> names = free.stream().map(parameters::get).toList();
            if (formula.degreeIn(free) > 1) {
                throw new IllegalArgumentException("give starting values for " + String.join(", ", names)
                        + " in start: the formula " + formula.text() + " is not linear in "
                        + (names.size() == 1 ? "it" : "them together") + ", so Occam cannot find "
                        + (names.size() == 1 ? "one" : "them") + " itself");
            }
            // f is affine in the free parameters: f(θ) = f(θ with them at 0) + J_free θ_free, exactly.
            double[][] jacobian = new double[n][p];
            double[] r0 = problem.residuals(theta, jacobian);
            requireFinite(problem, theta, r0, jacobian);
            double[][] jFree = new double[n][free.size()];
            int col = 0;
            for (int k : free) {
                for (int i = 0; i < n; i++) {
                    jFree[i][col] = jacobian[i][k];
                }
                col++;
            }
            QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(jFree, false), 1e-10);
            if (!qr.getSolver().isNonSingular()) {
                throw new IllegalArgumentException("cannot find starting values for " + String.join(", ", names)
                        + ": at the given starts they have no separate effect on the prediction; give them in start");
            }
            RealVector solution = qr.getSolver().solve(new ArrayRealVector(r0, false));
            col = 0;
            for (int k : free) {
                theta[k] = solution.getEntry(col++);
            }
        }
        double[][] jacobian = new double[n][p];
        double[] r = problem.residuals(theta, jacobian);
        requireFinite(problem, theta, r, jacobian);
        for (int k = 0; k < p; k++) {
            boolean effect = false;
            for (int i = 0; i < n && !effect; i++) {
                effect = jacobian[i][k] != 0.0;
            }
            if (!effect) {
                throw new IllegalArgumentException("the parameter " + parameters.get(k) + " has no effect on the"
                        + " prediction at the starting values (" + problem.at(theta) + "): its derivative is 0 on"
                        + " every row; check the formula " + formula.text() + " or give another start");
            }
        }
        return theta;
    }

    private static void requireFinite(NonlinearLeastSquares.Problem problem, double[] theta, double[] residuals,
            double[][] jacobian) {
        for (int i = 0; i < residuals.length; i++) {
            boolean finite = Double.isFinite(residuals[i]);
            for (double d : jacobian[i]) {
                finite &= Double.isFinite(d);
            }
            if (!finite) {
                throw new IllegalArgumentException("the formula " + problem.formula().text() + " cannot be evaluated at"
                        + " the starting values (" + problem.at(theta) + "): it or its derivative is undefined (NaN or"
                        + " an infinity) on row " + (i + 1) + " of the fit; give other values in start");
            }
        }
    }

    private static FormulaScorer.Inference inference(NonlinearLeastSquares.Result result, int n, int p) {
        double[] theta = result.theta();
        double[] se = result.stdErrors();
        double[] t = new double[p];
        double[] pValues = new double[p];
        double[] lower = new double[p];
        double[] upper = new double[p];
        int df = n - p;
        TDistribution student = new TDistribution(df);
        for (int k = 0; k < p; k++) {
            t[k] = theta[k] / se[k];
            pValues[k] = Double.isNaN(t[k]) ? Double.NaN : 2 * student.cumulativeProbability(-Math.abs(t[k]));
            lower[k] = theta[k] - Z_975 * se[k];
            upper[k] = theta[k] + Z_975 * se[k];
        }
        Map<String, Double> fit = new LinkedHashMap<>();
        fit.put("n", (double) n);
        fit.put("residual_sum_of_squares", result.rss());
        fit.put("sigma", Math.sqrt(result.rss() / df));
        fit.put("df_residual", (double) df);
        if (result.iterations() >= 0) {
            fit.put("iterations", (double) result.iterations());
        }
        fit.put("evaluations", (double) result.evaluations());
        return new FormulaScorer.Inference(se, t, pValues, lower, upper, fit);
    }

    private static double[] medians(double[][] columns) {
        double[] out = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            double[] present = Arrays.stream(columns[j]).filter(v -> !Double.isNaN(v)).sorted().toArray();
            int m = present.length / 2;
            out[j] = present.length == 0 ? 0.0 : present.length % 2 == 1 ? present[m]
                    : (present[m - 1] + present[m]) / 2.0;
        }
        return out;
    }

    @Override
    public String toString() {
        return "formula " + options.formula();
    }
}
