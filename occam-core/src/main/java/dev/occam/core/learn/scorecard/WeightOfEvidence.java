package dev.occam.core.learn.scorecard;

/**
 * Weight of evidence and information value over the bins of one feature (Siddiqi, <i>Credit Risk
 * Scorecards</i>, 2006, chapter 6), against the class totals of the training rows. "Goods" are the negative
 * class, "bads" the positive class.
 *
 * <p>{@code WOE = ln(share of goods in the bin / share of bads in the bin)}, smoothed: every bin gets one
 * pseudo-row shared out in the population's proportions ({@code G/N} goods and {@code B/N} bads), so
 * {@code WOE = ln(((g + G/N) / G) / ((b + B/N) / B))}. A bin without bads (or goods) then has a finite WOE,
 * a bin with no rows has WOE 0 (average risk), and for a balanced population the pseudo-counts are the
 * familiar +0.5 each. {@code IV = Σ (g/G − b/B) · WOE}, with the raw shares and the smoothed WOE.
 */
final class WeightOfEvidence {

    private final double goods;
    private final double bads;
    private final double pseudoGoods;
    private final double pseudoBads;

    /** @throws IllegalArgumentException when either class has no rows: WOE compares the two */
    WeightOfEvidence(long goods, long bads) {
        if (goods <= 0 || bads <= 0) {
            throw new IllegalArgumentException("a scorecard needs rows of both classes; the training rows hold "
                    + goods + " of the negative and " + bads + " of the positive class");
        }
        this.goods = goods;
        this.bads = bads;
        double n = goods + bads;
        this.pseudoGoods = goods / n;
        this.pseudoBads = bads / n;
    }

    /** The smoothed weight of evidence of a bin holding {@code g} goods and {@code b} bads. */
    double woe(long g, long b) {
        return Math.log((g + pseudoGoods) / goods) - Math.log((b + pseudoBads) / bads);
    }

    /** The information value of bins with the given counts. */
    double informationValue(long[] g, long[] b) {
        double iv = 0;
        for (int k = 0; k < g.length; k++) {
            iv += (g[k] / goods - b[k] / bads) * woe(g[k], b[k]);
        }
        return iv;
    }

    /**
     * Pearson's chi-square of the 2x2 table (two bins by two classes), the statistic ChiMerge uses to decide
     * which adjacent bins are most alike (Kerber, <i>ChiMerge: Discretization of Numeric Attributes</i>, AAAI
     * 1992). 0 when a margin is empty: no evidence that the bins differ.
     */
    static double chiSquare(long g1, long b1, long g2, long b2) {
        double r1 = g1 + b1;
        double r2 = g2 + b2;
        double cg = g1 + g2;
        double cb = b1 + b2;
        if (r1 == 0 || r2 == 0 || cg == 0 || cb == 0) {
            return 0.0;
        }
        double d = (double) g1 * b2 - (double) g2 * b1;
        return (r1 + r2) * d * d / (r1 * r2 * cg * cb);
    }
}
