/**
 * Scoring a saved model: {@link dev.occam.runtime.Model} (preparation, scorer, threshold) and
 * {@link dev.occam.runtime.ModelFile}, the versioned JSON file format. Everything a service needs to
 * embed a model, and nothing for training. Stage: serve.
 */
package dev.occam.runtime;
