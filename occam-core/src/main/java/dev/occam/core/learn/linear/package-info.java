/**
 * Rung 2 of the ladder: unpenalised linear models with R-style inference, producing a runtime
 * {@link dev.occam.runtime.scorer.LinearScorer}.
 *
 * <ul>
 *   <li>{@link dev.occam.core.learn.linear.LogisticRegression}: maximum likelihood by iteratively
 *       reweighted least squares (McCullagh &amp; Nelder, <i>Generalized Linear Models</i>, 1989), as R's
 *       {@code glm(family = binomial)}; Wald z statistics. Reproduces R 4.2.2 on the credit data to about
 *       1e-6 (see the oracle test).</li>
 *   <li>{@link dev.occam.core.learn.linear.LinearRegression}: ordinary least squares by QR, as R's
 *       {@code lm}; t statistics.</li>
 * </ul>
 *
 * <p>Both read numeric, complete frames; their {@code pipeline()} factories add the imputation and the
 * indicator encoding that make any frame so. Linearly dependent columns are reported as aliased (R's
 * {@code NA} coefficients), not fitted. Separation, which leaves a logistic regression without a finite
 * estimate, is flagged in the fit statistics rather than thrown. Linear algebra (QR, triangular solves)
 * and distributions come from Hipparchus; the iteration and the aliasing rule are written here.
 */
package dev.occam.core.learn.linear;
