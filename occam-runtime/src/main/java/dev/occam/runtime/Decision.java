package dev.occam.runtime;

/**
 * How a model turns its scores into a call: the decision policy, which belongs to the task ({@link Task#check}) and
 * is held by the {@link Model}, so a use case can move it (a threshold chosen for costs, say) without refitting.
 */
public sealed interface Decision permits Decision.AtThreshold, Decision.MostProbable, Decision.Value {

    /** Multiclass: the most probable class. */
    MostProbable MOST_PROBABLE = new MostProbable();
    /** Regression: no call, the value is the answer. */
    Value VALUE = new Value();

    /** The policy in words, for messages and {@link Model#describe()}. */
    String describe();

    /**
     * Two classes: the positive class is called when its probability is at or above {@code threshold}.
     *
     * @param threshold in [0, 1], on the calibrated scale when the model has a calibrator
     */
    record AtThreshold(double threshold) implements Decision {
        public AtThreshold {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
            }
        }

        @Override
        public String describe() {
            return "a threshold of " + dev.occam.runtime.io.Json.number(threshold);
        }
    }

    /** Multiclass: the class with the highest probability is called (the first level on ties). */
    final class MostProbable implements Decision {
        private MostProbable() {
        }

        @Override
        public String describe() {
            return "the most probable class";
        }
    }

    /** Regression: the predicted value is the answer; nothing is called. */
    final class Value implements Decision {
        private Value() {
        }

        @Override
        public String describe() {
            return "the predicted value";
        }
    }
}
