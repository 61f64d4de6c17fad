package dev.occam.core.prepare;

import dev.occam.runtime.data.Frame;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.prep.Transform;

/**
 * Encodes categories as 0/1 indicators over the levels known in training. With {@code dropFirst} the
 * first level is the reference (treatment contrasts, for models with an intercept).
 */
public record IndicatorEncoder(boolean dropFirst) implements Preparer {

    @Override
    public Transform fit(Frame training) {
        return new IndicatorEncoding(training.schema(), dropFirst);
    }
}
