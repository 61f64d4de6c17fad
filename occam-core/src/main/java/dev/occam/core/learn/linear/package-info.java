/**
 * Rung 2 of the ladder: linear models producing a runtime {@link dev.occam.runtime.scorer.LinearScorer},
 * unpenalised with R-style inference, or penalised (the elastic net).
 *
 * <ul>
 *   <li>{@link dev.occam.core.learn.linear.LogisticRegression}: maximum likelihood by iteratively
 *       reweighted least squares (McCullagh &amp; Nelder, <i>Generalized Linear Models</i>, 1989), as R's
 *       {@code glm(family = binomial)}; Wald z statistics. Reproduces R 4.2.2 on the credit data to about
 *       1e-6 (see the oracle test).</li>
 *   <li>{@link dev.occam.core.learn.linear.LinearRegression}: ordinary least squares by QR, as R's
 *       {@code lm}; t statistics.</li>
 *   <li>{@link dev.occam.core.learn.linear.ElasticNet}: lasso / elastic-net logistic or linear regression by
 *       coordinate descent along a path of penalties, λ chosen by inner cross-validation, as R's
 *       {@code glmnet} (Friedman, Hastie &amp; Tibshirani, J. Stat. Software 33, 2010); no standard
 *       errors, fit statistics only. Solves glmnet's problem on the credit data to its optimality
 *       conditions, which glmnet's own answer meets to its stated precision (see the oracle test).</li>
 * </ul>
 *
 * <p>All three read numeric, complete frames; their {@code pipeline()} factories add the imputation and
 * the indicator encoding that make any frame so. The unpenalised models report linearly dependent columns
 * as aliased (R's {@code NA} coefficients), not fitted; the elastic net needs that only for columns
 * constant on its training rows (the penalty settles the rest). Separation, which leaves a logistic
 * regression without a finite estimate, is flagged in the fit statistics rather than thrown. Linear
 * algebra (QR, triangular solves) and distributions come from Hipparchus; the iterations, the coordinate
 * descent and the aliasing rule are written here.
 */
package dev.occam.core.learn.linear;
