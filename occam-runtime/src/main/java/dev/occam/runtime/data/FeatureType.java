package dev.occam.runtime.data;

/** How a feature's values are held: a number, or one of a fixed list of levels. */
public enum FeatureType {
    NUMERIC,
    CATEGORICAL
}
