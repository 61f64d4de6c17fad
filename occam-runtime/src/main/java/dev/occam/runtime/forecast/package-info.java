/**
 * Fitted forecasters of one time series: each holds what it needs to forecast h steps ahead (point forecasts
 * and 80% / 95% prediction intervals), is immutable and thread-safe, and is a small record that Jackson writes
 * to and reads from JSON (the {@code method} property names the kind). Fitting lives in
 * {@code dev.occam.core.forecast}; see {@code docs/forecasting.md} for the methods and their sources.
 */
package dev.occam.runtime.forecast;
