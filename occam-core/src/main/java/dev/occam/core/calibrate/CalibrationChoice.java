package dev.occam.core.calibrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Curves;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.HeldOutScores;
import dev.occam.core.evaluate.Reliability;
import dev.occam.core.learn.DecisionThreshold;
import dev.occam.runtime.Model;
import dev.occam.runtime.calibration.Calibrator;
import dev.occam.runtime.calibration.PlattScaling;
import dev.occam.runtime.data.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether the chosen classifier's probabilities need a calibrator, and which, decided on its out-of-fold scores.
 *
 * <p><b>Rule.</b> A model is poorly calibrated when its held-out expected calibration error is above
 * {@value #ECE_LIMIT} (five probability points on average, in the report's ten bands) or its calibration slope
 * (Cox 1958; the slope of Platt scaling fitted on every held-out score) is outside [{@value #SLOPE_LOW},
 * {@value #SLOPE_HIGH}]: log-odds a quarter too extreme (0.8 = 1/1.25) or a quarter too timid, a band wide
 * enough that a well-specified model fitted on a few hundred rows stays inside it. The ECE catches a shift or a
 * bend, the slope an over- or under-confident model whose gaps the binning averages away.
 *
 * <p><b>Honest comparison.</b> For a poorly calibrated model, Platt scaling and isotonic regression are each
 * evaluated inside the same folds: for each fold of each repeat, the calibrator is fitted on the held-out scores
 * of that repeat's other folds (rows never in this fold's test set) and applied to this fold's held-out scores.
 * One dependence remains: those other folds' scores came from fold models that trained on this fold's rows, so
 * the calibrator has seen a function of them (not their outcomes next to their own scores); the optimism this
 * leaves is small next to calibrating on the very scores being judged. The method with the lowest pooled
 * held-out Brier score is used only if it is lower than the uncalibrated one; the final calibrator is then
 * fitted on every held-out score (the repeats pooled) and applied to the model refitted on all rows, as
 * scikit-learn's {@code CalibratedClassifierCV(ensemble=False)} does; that model trained on somewhat more rows
 * than the fold models whose scores the calibrator learned from.
 */
public final class CalibrationChoice {

    /** Above this held-out ECE a model is poorly calibrated. */
    public static final double ECE_LIMIT = 0.05;
    /** A calibration slope below this is poorly calibrated (over-confident). */
    public static final double SLOPE_LOW = 0.8;
    /** A calibration slope above this is poorly calibrated (under-confident). */
    public static final double SLOPE_HIGH = 1.25;
    /** The rule, as the card and the report state it. */
    public static final String RULE = "poorly calibrated when the held-out ECE (" + Reliability.ECE_BANDS
            + " equal-width bands) is above " + ECE_LIMIT + " or the calibration slope is outside [" + SLOPE_LOW
            + ", " + SLOPE_HIGH + "]; then Platt scaling and isotonic regression are fitted inside the folds and"
            + " the one with the lower held-out Brier score is used if it beats no calibration";

    /** A calibration method. */
    public enum Method {
        NONE("none"), PLATT(PlattScaling.METHOD), ISOTONIC("isotonic");

        private final String key;

        Method(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * One method's cross-validated result.
     *
     * @param heldOut Brier score and ECE of its held-out calibrated scores; null when it could not be fitted
     * @param failure why it could not be fitted on some fold, or null
     */
    public record Trial(Method method, Reliability heldOut, String failure, double[] scores) {
        /** @param scores the held-out scores calibrated inside the folds, laid out as {@link HeldOutScores}; null on failure */
        public Trial {
            scores = scores == null ? null : scores.clone();
        }

        @Override
        public double[] scores() {
            return scores == null ? null : scores.clone();
        }
    }

    private final String family;
    private final Reliability before;
    private final double slope;
    private final double intercept;
    private final boolean poorlyCalibrated;
    private final List<Trial> trials;
    private final Method used;
    private final Calibrator calibrator;
    /** The true labels repeated once per repeat, aligned with the held-out scores. */
    private final double[] labels;

    private CalibrationChoice(String family, Reliability before, double slope, double intercept,
            boolean poorlyCalibrated, List<Trial> trials, Method used, Calibrator calibrator, double[] labels) {
        this.labels = labels;
        this.family = family;
        this.before = before;
        this.slope = slope;
        this.intercept = intercept;
        this.poorlyCalibrated = poorlyCalibrated;
        this.trials = List.copyOf(trials);
        this.used = used;
        this.calibrator = calibrator;
    }

    /**
     * Measures the candidate's held-out calibration and, when it is poor, compares the calibrators inside the folds.
     *
     * @param heldOut the candidate's out-of-fold scores
     * @param truth 1 for the positive class, 0 otherwise, one per row
     * @param folds the folds that produced {@code heldOut}
     */
    public static CalibrationChoice assess(String family, HeldOutScores heldOut, double[] truth, List<Fold> folds) {
        Objects.requireNonNull(heldOut, "heldOut");
        double[] scores = heldOut.scores();
        double[] labels = pooled(truth, heldOut.repeats());
        Reliability before = Reliability.of(scores, labels);
        double slope = Double.NaN;
        double intercept = Double.NaN;
        try {
            PlattScaling overall = PlattFit.fit(scores, labels);
            slope = overall.a();
            intercept = overall.b();
        } catch (IllegalArgumentException e) {
            // Separated or one class: the slope is not measured, the ECE alone decides.
        }
        boolean poor = before.ece() > ECE_LIMIT || slope < SLOPE_LOW || slope > SLOPE_HIGH;
        if (!poor) {
            return new CalibrationChoice(family, before, slope, intercept, false, List.of(), Method.NONE, null, labels);
        }
        List<Trial> trials = new ArrayList<>();
        trials.add(new Trial(Method.NONE, before, null, scores));
        Trial best = trials.get(0);
        for (Method m : new Method[] {Method.PLATT, Method.ISOTONIC}) {
            Trial t = insideFolds(m, heldOut, truth, folds);
            trials.add(t);
            if (t.heldOut() != null && t.heldOut().brier() < best.heldOut().brier()) {
                best = t;
            }
        }
        Calibrator finalCalibrator = best.method() == Method.NONE ? null : fit(best.method(), scores, labels);
        return new CalibrationChoice(family, before, slope, intercept, true, trials, best.method(), finalCalibrator,
                labels);
    }

    /** Each fold's held-out scores calibrated by a map fitted on the other folds' held-out scores of its repeat. */
    private static Trial insideFolds(Method method, HeldOutScores heldOut, double[] truth, List<Fold> folds) {
        int n = heldOut.rows();
        double[] calibrated = new double[n * heldOut.repeats()];
        boolean[] filled = new boolean[calibrated.length];
        for (Fold fold : folds) {
            int r = fold.repeat();
            int[] train = fold.train();
            double[] s = new double[train.length];
            double[] y = new double[train.length];
            for (int j = 0; j < train.length; j++) {
                s[j] = heldOut.score(r, train[j]);
                y[j] = truth[train[j]];
            }
            Calibrator c;
            try {
                c = fit(method, s, y);
            } catch (IllegalArgumentException e) {
                return new Trial(method, null, "fold " + (fold.index() + 1) + " of repeat " + (r + 1) + ": "
                        + e.getMessage(), null);
            }
            for (int i : fold.test()) {
                calibrated[r * n + i] = c.apply(heldOut.score(r, i));
                filled[r * n + i] = true;
            }
        }
        for (boolean f : filled) {
            if (!f) {
                throw new IllegalArgumentException("the folds do not cover every held-out score once");
            }
        }
        return new Trial(method, Reliability.of(calibrated, pooled(truth, heldOut.repeats())), null, calibrated);
    }

    private static Calibrator fit(Method method, double[] scores, double[] labels) {
        return switch (method) {
            case PLATT -> PlattFit.fit(scores, labels);
            case ISOTONIC -> IsotonicFit.fit(scores, labels);
            case NONE -> throw new IllegalArgumentException("no calibrator to fit for method none");
        };
    }

    private static double[] pooled(double[] truth, int repeats) {
        double[] out = new double[truth.length * repeats];
        for (int r = 0; r < repeats; r++) {
            System.arraycopy(truth, 0, out, r * truth.length, truth.length);
        }
        return out;
    }

    /**
     * The model refitted on all rows with the chosen calibrator, its threshold set again on the calibrated scale:
     * the use case's fixed threshold, or the one that calls positive the share of training rows that are
     * positive ({@link DecisionThreshold}). The model unchanged when no calibrator is used.
     */
    public Model applyTo(Model model, Frame features, Target target, Double fixedThreshold) {
        if (calibrator == null) {
            return model;
        }
        Model calibrated = model.withCalibration(calibrator);
        double threshold = fixedThreshold != null ? fixedThreshold
                : DecisionThreshold.matchingPositiveShare(calibrated.score(features), target.mean());
        return calibrated.withThreshold(threshold);
    }

    public String family() {
        return family;
    }

    /** Brier score and ECE of the uncalibrated held-out scores. */
    public Reliability before() {
        return before;
    }

    /** Brier score and ECE of the held-out scores as deployed: calibrated inside the folds, or unchanged. */
    public Reliability after() {
        return trials.stream().filter(t -> t.method() == used).findFirst().map(Trial::heldOut).orElse(before);
    }

    /**
     * The reliability table of the held-out scores after the calibrator used, fitted inside the folds (equal-width
     * bands, as {@link Curves#calibration}); empty when no calibrator is used.
     */
    public List<Curves.CalibrationBin> calibrationAfter(int bands) {
        if (used == Method.NONE) {
            return List.of();
        }
        Trial t = trials.stream().filter(x -> x.method() == used).findFirst().orElseThrow();
        return Curves.calibration(t.scores(), labels, bands);
    }

    /** The calibration slope: Platt's a on every held-out score; NaN when it cannot be fitted. */
    public double slope() {
        return slope;
    }

    public boolean poorlyCalibrated() {
        return poorlyCalibrated;
    }

    /** The methods compared inside the folds (none, Platt, isotonic); empty when the model was well calibrated. */
    public List<Trial> trials() {
        return trials;
    }

    public Method used() {
        return used;
    }

    /** The calibrator fitted on every held-out score, or null when none is used. */
    public Calibrator calibrator() {
        return calibrator;
    }

    /** One line for {@code occam fit}: the finding, what was done, the numbers before and after. */
    public String sentence() {
        String head = family + " ECE " + f3(before.ece()) + (Double.isNaN(slope) ? "" : ", slope " + f2(slope));
        if (!poorlyCalibrated) {
            return head + ": well calibrated; no calibrator";
        }
        if (used == Method.NONE) {
            List<String> tried = new ArrayList<>();
            for (Trial t : trials) {
                if (t.method() != Method.NONE) {
                    tried.add(name(t.method()) + (t.heldOut() == null ? " (not fitted: " + t.failure() + ")"
                            : " Brier " + f3(t.heldOut().brier())));
                }
            }
            return head + ": poorly calibrated, but no calibrator fitted inside the folds improves the Brier score "
                    + f3(before.brier()) + " (" + String.join(", ", tried) + "); no calibrator";
        }
        Reliability after = after();
        return head + ": " + name(used) + " calibrator fitted inside the folds brings the ECE to " + f3(after.ece())
                + " (Brier " + f3(before.brier()) + " -> " + f3(after.brier()) + ")";
    }

    private static String name(Method m) {
        return m == Method.PLATT ? "Platt" : m.key();
    }

    /** The card's {@code calibration} section. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("model", family);
        node.put("rule", RULE);
        node.put("method", "held-out (out-of-fold) scores, repeats pooled; ECE in " + Reliability.ECE_BANDS
                + " equal-width bands (Naeini, Cooper & Hauskrecht 2015; Guo et al. 2017); calibration slope ="
                + " Platt's a (Cox 1958); calibrators compared by fitting on each repeat's other folds and scoring"
                + " this fold");
        node.put("poorly_calibrated", poorlyCalibrated);
        node.put("calibrator", used.key());
        ObjectNode b = node.putObject("before");
        put(b, "brier", before.brier());
        put(b, "ece", before.ece());
        put(b, "slope", slope);
        put(b, "intercept", intercept);
        ObjectNode a = node.putObject("after");
        put(a, "brier", after().brier());
        put(a, "ece", after().ece());
        ArrayNode compared = node.putArray("compared");
        for (Trial t : trials) {
            ObjectNode x = compared.addObject();
            x.put("calibrator", t.method().key());
            if (t.heldOut() != null) {
                put(x, "brier", t.heldOut().brier());
                put(x, "ece", t.heldOut().ece());
            } else {
                x.put("failure", t.failure());
            }
        }
        if (calibrator != null) {
            node.set("fitted", calibrator.toJson());
        }
        node.put("summary", sentence());
        return node;
    }

    private static void put(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
