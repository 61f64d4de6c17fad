/**
 * Pipeline stage between {@code evaluate} and {@code select}: does a candidate treat the groups of a
 * protected attribute alike, and which features stand in for a protected attribute?
 *
 * <p>{@link dev.occam.core.fairness.FairnessAudit} reads a candidate's held-out (out-of-fold) scores
 * and reports, per protected attribute and group, selection rates, true- and false-positive rates and
 * calibration, with the four-fifths selection-rate ratio and the equal-opportunity difference, each
 * with a bootstrap confidence interval. {@link dev.occam.core.fairness.ProxyCheck} ranks features by
 * how well each alone predicts a protected attribute. {@code select} reads the audit to make a candidate
 * below the use case's ratio ineligible.
 */
package dev.occam.core.fairness;
