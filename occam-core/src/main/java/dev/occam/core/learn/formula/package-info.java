/**
 * The formula rung: the use case's own model equation fitted by nonlinear least squares
 * ({@link dev.occam.core.learn.formula.FormulaRegression}). Stage: learn.
 */
package dev.occam.core.learn.formula;
