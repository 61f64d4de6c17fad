package dev.occam.core.prepare;

import dev.occam.runtime.data.Frame;
import dev.occam.runtime.prep.Transform;

/**
 * Learns a preparation step from training rows (medians, levels, means) and returns it frozen as a
 * runtime {@link Transform}. Inside cross-validation it is fitted on each fold's training part only,
 * so nothing leaks from validation rows.
 */
public interface Preparer {

    Transform fit(Frame training);
}
