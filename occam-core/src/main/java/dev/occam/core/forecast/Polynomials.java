package dev.occam.core.forecast;

/** Root location tests for real polynomials. */
final class Polynomials {

    private Polynomials() {
    }

    /**
     * Whether every root of c[0] + c[1]z + … + c[d]z^d has modulus below {@code radius}, by the Schur–Cohn test
     * (Henrici, <i>Applied and Computational Complex Analysis</i> I, 1974, §6.8) on the polynomial with z scaled by
     * the radius: while |a₀| &lt; |a_d|, the polynomial (a_d p(z) − a₀ p*(z))/z, p* the reversed polynomial, has as
     * many roots in the unit disc as p has less one (Rouché); a constant term at least as large as the leading one
     * means a root on or outside the circle. Used where R computes every root and compares the largest modulus: the
     * two differ only for roots exactly on the circle.
     */
    static boolean rootsWithinRadius(double[] c, double radius) {
        int d = c.length - 1;
        while (d > 0 && c[d] == 0) {
            d--;
        }
        double[] a = new double[d + 1];
        double scale = 1;
        for (int k = 0; k <= d; k++) {
            a[k] = c[k] * scale;
            scale *= radius;
        }
        while (d > 0) {
            double lead = a[d];
            double constant = a[0];
            if (Math.abs(constant) >= Math.abs(lead)) {
                return false;
            }
            double[] next = new double[d];
            for (int k = 1; k <= d; k++) {
                next[k - 1] = lead * a[k] - constant * a[d - k];
            }
            // normalise to keep the numbers in range
            double norm = Math.abs(next[d - 1]);
            for (int k = 0; k < d; k++) {
                next[k] /= norm;
            }
            a = next;
            d--;
        }
        return true;
    }
}
