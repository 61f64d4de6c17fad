package dev.occam.core.explain;

import dev.occam.runtime.Model;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The coefficient table of a linear-family model, as a reviewer reads it: each term's estimate, standard
 * error, test statistic and p-value (from the fit's {@link LinearScorer.Inference}), its Wald confidence
 * interval {@code β ± c·SE}, and for the logit link the odds ratio {@code exp β} with the interval's
 * ends exponentiated.
 *
 * <p>The critical value c is the normal quantile z₀.₉₇₅ = 1.959963984540054 for a logistic regression
 * (the Wald interval R's {@code confint.default} gives) and Student's t quantile on the residual degrees
 * of freedom for a least-squares fit (R's {@code confint} for {@code lm}). A penalised fit (the lasso) has
 * no simple standard errors: its terms carry estimates and odds ratios, and NaN for the rest. An aliased
 * term carries NaN throughout. Terms are named as the encoded columns ({@code Home=owner}), with the
 * intercept first.
 *
 * @param link how the linear predictor becomes a score ({@code IDENTITY} or {@code LOGIT})
 * @param statistic {@code "z"}, {@code "t"}, or null when the fit has no per-term inference
 * @param confidence the intervals' level (0.95)
 * @param criticalValue c, NaN without per-term inference
 * @param degreesOfFreedom the t quantile's degrees of freedom, NaN for z
 */
public record CoefficientTable(LinearScorer.Link link, String statistic, double confidence, double criticalValue,
        double degreesOfFreedom, List<Term> terms) {

    /** The level of the intervals in {@link #of(Model)}. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /**
     * One term. The odds-ratio fields are NaN unless the link is the logit.
     *
     * @param low lower end of the confidence interval of the estimate
     * @param oddsRatioLow exp(low)
     */
    public record Term(String name, double estimate, double standardError, double statistic, double pValue,
            double low, double high, double oddsRatio, double oddsRatioLow, double oddsRatioHigh, boolean aliased) {

        public Term {
            Objects.requireNonNull(name, "name");
        }
    }

    public CoefficientTable {
        Objects.requireNonNull(link, "link");
        terms = List.copyOf(terms);
    }

    /** Whether the terms carry odds ratios (logit link). */
    public boolean hasOddsRatios() {
        return link == LinearScorer.Link.LOGIT;
    }

    /** The table of a model whose scorer is linear, or empty for any other family. */
    public static Optional<CoefficientTable> of(Model model) {
        return model.scorer() instanceof LinearScorer linear ? Optional.of(of(linear, DEFAULT_CONFIDENCE))
                : Optional.empty();
    }

    /**
     * @param confidence the intervals' level, strictly between 0 and 1
     * @throws IllegalArgumentException when the level is out of range, or a t statistic comes without a
     *     positive {@code df_residual} among the fit statistics
     */
    public static CoefficientTable of(LinearScorer scorer, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        LinearScorer.Inference inference = scorer.inference();
        boolean perTerm = inference != null && inference.hasTermInference();
        String statistic = perTerm ? inference.statistic() : null;
        double df = Double.NaN;
        double critical = Double.NaN;
        if (perTerm) {
            double p = 1 - (1 - confidence) / 2;
            if ("t".equals(statistic)) {
                Double residual = inference.fit().get("df_residual");
                if (residual == null || !(residual > 0)) {
                    throw new IllegalArgumentException("a t-based interval needs positive residual degrees of freedom: "
                            + residual);
                }
                df = residual;
                critical = new TDistribution(df).inverseCumulativeProbability(p);
            } else {
                critical = new NormalDistribution(0, 1).inverseCumulativeProbability(p);
            }
        }
        int p = scorer.input().size();
        double[] se = perTerm ? inference.stdErrors() : null;
        double[] st = perTerm ? inference.statistics() : null;
        double[] pv = perTerm ? inference.pValues() : null;
        double[] beta = scorer.coefficients();
        boolean[] aliased = scorer.aliased();
        boolean logit = scorer.link() == LinearScorer.Link.LOGIT;
        List<Term> terms = new ArrayList<>(p + 1);
        for (int k = 0; k <= p; k++) {
            boolean isAliased = k > 0 && aliased[k - 1];
            double estimate = isAliased ? Double.NaN : k == 0 ? scorer.intercept() : beta[k - 1];
            double s = perTerm ? se[k] : Double.NaN;
            double low = estimate - critical * s;
            double high = estimate + critical * s;
            String name = k == 0 ? LinearScorer.INTERCEPT : scorer.input().feature(k - 1).name();
            terms.add(new Term(name, estimate, s, perTerm ? st[k] : Double.NaN, perTerm ? pv[k] : Double.NaN, low, high,
                    logit ? Math.exp(estimate) : Double.NaN, logit ? Math.exp(low) : Double.NaN,
                    logit ? Math.exp(high) : Double.NaN, isAliased));
        }
        return new CoefficientTable(scorer.link(), statistic, confidence, critical, df, terms);
    }
}
