/**
 * Global explanations of a fitted model, for every family: what the model relies on and how its score
 * moves with each feature. {@link dev.occam.core.explain.GlobalExplanation} is the entry point; it
 * gathers {@link dev.occam.core.explain.PermutationImportance} (Breiman 2001; Fisher, Rudin &amp;
 * Dominici 2019) measured on held-out rows, {@link dev.occam.core.explain.PartialDependence} (Friedman
 * 2001) of the final model, and, for the linear family, a
 * {@link dev.occam.core.explain.CoefficientTable} with confidence intervals and odds ratios.
 *
 * <p>Stage: explain, between evaluate and select. It reads fitted models, folds and metrics; the
 * selection and the card read its results.
 */
package dev.occam.core.explain;
