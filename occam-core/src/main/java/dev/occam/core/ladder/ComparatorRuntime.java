package dev.occam.core.ladder;

import dev.occam.runtime.data.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * What scores an existing model's file on the ladder's rows ({@link Candidate.OfComparator}). The core does not
 * read ONNX itself: ONNX Runtime is a 75 MB jar of native libraries, so it lives in the module {@code occam-onnx},
 * found here through {@link ServiceLoader} when it is on the class path.
 *
 * <p>The file is given one tensor of shape {@code [N, 1]} per input it declares, each named as a column of the
 * data (numbers as double, float or int64, NaN for a missing number; categories as strings, the empty string for a
 * missing one), as the files {@code occam export --format onnx} writes. Its answer is the output named by the
 * candidate's {@code output} option, or else {@code probability} (two classes) or {@code prediction}
 * (regression), or else its first output: one number per row, or two per row read as the probabilities of the
 * negative and the positive class.
 */
public interface ComparatorRuntime {

    /** The learner word of the candidates it scores ({@link Candidate#ONNX}). */
    String learner();

    /**
     * One score per row of {@code rows}: the probability of the positive class, or the predicted value.
     *
     * @param output the output to read, or null for the default
     * @param classification whether the target has two classes (the default output is then {@code probability})
     * @throws IOException naming the file when it cannot be read, lacks a column, or answers in another shape
     */
    double[] scores(Path model, String output, Frame rows, boolean classification) throws IOException;

    /**
     * The runtime of the learner on the class path.
     *
     * @throws IllegalStateException saying which module to add when there is none
     */
    static ComparatorRuntime find(String learner) {
        for (ComparatorRuntime r : ServiceLoader.load(ComparatorRuntime.class)) {
            if (r.learner().equals(learner)) {
                return r;
            }
        }
        throw new IllegalStateException("scoring an existing " + learner + " model needs the occam-" + learner
                + " module (ONNX Runtime) on the class path: build the command line with OCCAM_ONNX=1 (see"
                + " docs/usecase.md, Comparing with an existing model), or add dev.occam:occam-" + learner
                + " to a Java project");
    }
}
