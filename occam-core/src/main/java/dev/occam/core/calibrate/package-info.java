/**
 * Calibration of a chosen classifier, between {@code evaluate} and the stages that report it: fitting Platt
 * scaling and isotonic regression on out-of-fold scores, and deciding honestly, inside the folds, whether one
 * of them improves the probabilities ({@link dev.occam.core.calibrate.CalibrationChoice}). The fitted maps are
 * runtime types ({@link dev.occam.runtime.calibration.Calibrator}) carried by the model.
 */
package dev.occam.core.calibrate;
