/**
 * Model equations in R's nls syntax, read and evaluated at scoring time: {@link dev.occam.runtime.formula.Formula}
 * (parse, bind names to columns and parameters, evaluate, differentiate exactly by forward mode, invert a
 * transformed response, write the fitted equation). The runtime's own, so that a model file holding a formula
 * scores without the training code. Stage: serve.
 */
package dev.occam.runtime.formula;
