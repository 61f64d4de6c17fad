package dev.occam.core.learn.neural;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shape of a fully connected network and the arithmetic of one row through it: the forward pass,
 * the loss, and its gradient by backpropagation (Rumelhart, Hinton &amp; Williams, "Learning
 * representations by back-propagating errors", Nature 323, 1986).
 *
 * <p>All parameters live in one flat vector so that the optimiser, the penalty and the copy of the best
 * weights are single loops. Layer l occupies {@code units × inputs} weights, unit by unit (row-major),
 * followed by its {@code units} biases; layers follow one another, output layer last.
 *
 * <p>Hidden units are rectified linear, {@code max(0, z)}; the one output unit is linear. The loss of a
 * row is the binary cross-entropy of the logistic of the output (classification) or half the squared
 * error of the output (regression); both have {@code output − y} (after the logistic, for
 * classification) as their derivative with respect to the output's pre-activation. With K ≥ 3 classes
 * there are K output units and the loss is the cross-entropy of their softmax,
 * {@code logsumexp(z) − z_y}, whose derivative with respect to {@code z_k} is {@code softmax(z)_k − [k = y]}
 * (Bishop, <i>Pattern Recognition and Machine Learning</i>, 2006, §5.2).
 *
 * <p>Exponentials and logarithms come from {@link StrictMath}, whose results are the same on every
 * platform, so a refit elsewhere gives the same weights bit for bit.
 *
 * <p>Holds scratch buffers for one row, so one instance serves one fit on one thread.
 */
final class Network {

    private final int[] sizes;
    private final int layers;
    private final int[] weightStart;
    private final int[] biasStart;
    private final int parameterCount;
    private final boolean logistic;
    /** 1 for one output unit, else the number of classes (softmax outputs). */
    private final int classes;

    private final double[][] pre;
    private final double[][] post;
    private final double[][] delta;

    /**
     * @param inputs the width of a row
     * @param hidden the number of units of each hidden layer
     * @param logistic a logistic output with cross-entropy loss, else a linear output with squared error
     */
    Network(int inputs, List<Integer> hidden, boolean logistic) {
        this(inputs, hidden, logistic, 1);
    }

    /** @param classes 1 for one output unit, or the number of classes K >= 3 for K softmax outputs */
    Network(int inputs, List<Integer> hidden, boolean logistic, int classes) {
        if (classes != 1 && (classes < 3 || !logistic)) {
            throw new IllegalArgumentException("a network has 1 output or, for classification, 3 or more: "
                    + classes);
        }
        this.classes = classes;
        layers = hidden.size() + 1;
        sizes = new int[layers + 1];
        sizes[0] = inputs;
        for (int l = 0; l < hidden.size(); l++) {
            sizes[l + 1] = hidden.get(l);
        }
        sizes[layers] = classes;
        weightStart = new int[layers];
        biasStart = new int[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightStart[l] = (int) offset;
            offset += (long) sizes[l] * sizes[l + 1];
            biasStart[l] = (int) offset;
            offset += sizes[l + 1];
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a network of " + inputs + " inputs and hidden layers " + hidden
                        + " has too many parameters to hold");
            }
        }
        parameterCount = (int) offset;
        this.logistic = logistic;
        pre = new double[layers][];
        post = new double[layers][];
        delta = new double[layers][];
        for (int l = 0; l < layers; l++) {
            pre[l] = new double[sizes[l + 1]];
            post[l] = new double[sizes[l + 1]];
            delta[l] = new double[sizes[l + 1]];
        }
    }

    int parameterCount() {
        return parameterCount;
    }

    int layers() {
        return layers;
    }

    /** Units of layer l (0-based, output layer last); {@code inputs(0)} is the row width. */
    int units(int l) {
        return sizes[l + 1];
    }

    int inputs(int l) {
        return sizes[l];
    }

    boolean logistic() {
        return logistic;
    }

    /** 1 for one output unit, else the number of classes. */
    int classes() {
        return classes;
    }

    /** The output units' pre-activations of the last {@link #forward} (a scratch buffer: read, do not keep). */
    double[] outputs() {
        return pre[layers - 1];
    }

    /**
     * Fills {@code params} with starting values. Hidden layers: He et al. (2015), uniform on
     * {@code ±√(6 / inputs)}, which keeps the variance of ReLU activations from shrinking or growing with
     * depth. Output layer: Glorot &amp; Bengio (2010), uniform on {@code ±√(6 / (inputs + 1))}. Biases
     * start at 0, except the output bias, which starts at {@code outputBias} (the log-odds of the training
     * prior), so the first steps learn the features rather than the base rate. Draws the weights in
     * parameter order.
     */
    void initialise(double[] params, SplittableRandom random, double outputBias) {
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double bound = l < layers - 1 ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
            for (int k = weightStart[l]; k < biasStart[l]; k++) {
                params[k] = (2.0 * random.nextDouble() - 1.0) * bound;
            }
            for (int k = biasStart[l]; k < biasStart[l] + out; k++) {
                params[k] = 0.0;
            }
        }
        params[biasStart[layers - 1]] = outputBias;
    }

    /** {@link #initialise(double[], SplittableRandom, double)} with one starting bias per output unit. */
    void initialise(double[] params, SplittableRandom random, double[] outputBias) {
        initialise(params, random, outputBias[0]);
        System.arraycopy(outputBias, 0, params, biasStart[layers - 1], classes);
    }

    /**
     * The output unit's pre-activation for the row at {@code x[offset .. offset + inputs)}; also leaves every
     * layer's pre- and post-activations in the scratch buffers for {@link #backward}. Sums run bias first,
     * then inputs in order, as the runtime scorer sums them.
     */
    double forward(double[] params, double[] x, int offset) {
        double[] in = x;
        int inStart = offset;
        for (int l = 0; l < layers; l++) {
            int width = sizes[l];
            int units = sizes[l + 1];
            boolean hidden = l < layers - 1;
            double[] z = pre[l];
            double[] a = post[l];
            int b = biasStart[l];
            for (int u = 0, row = weightStart[l]; u < units; u++, row += width) {
                double s = params[b + u];
                for (int i = 0; i < width; i++) {
                    s += params[row + i] * in[inStart + i];
                }
                z[u] = s;
                a[u] = hidden && s < 0 ? 0.0 : s;
            }
            in = a;
            inStart = 0;
        }
        return pre[layers - 1][0];
    }

    /** The loss of one row whose output pre-activation is {@code z} and target {@code y}. */
    double loss(double z, double y) {
        if (logistic) {
            // −y log σ(z) − (1 − y) log(1 − σ(z)), written so that no exp overflows and no log sees 0.
            return Math.max(z, 0.0) - z * y + StrictMath.log1p(StrictMath.exp(-Math.abs(z)));
        }
        double r = z - y;
        return 0.5 * r * r;
    }

    /** The softmax cross-entropy of class {@code y} for output pre-activations {@code z}: logsumexp(z) − z_y. */
    static double lossClasses(double[] z, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += StrictMath.exp(v - max);
        }
        return max + StrictMath.log(sum) - z[y];
    }

    /** The logistic function, without overflow for large |z|. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1.0 + e);
    }

    /** Forward pass, loss, and the loss's gradient added into {@code gradient}. @return the row's loss */
    double accumulate(double[] params, double[] x, int offset, double y, double[] gradient) {
        double z = forward(params, x, offset);
        if (classes > 1) {
            double[] out = pre[layers - 1];
            int label = (int) y;
            double loss = lossClasses(out, label);
            // softmax(z) − one-hot(y), from the loss just computed: p_k = exp(z_k − logsumexp(z)).
            double logSum = loss + out[label];
            double[] d = delta[layers - 1];
            for (int k = 0; k < classes; k++) {
                d[k] = StrictMath.exp(out[k] - logSum) - (k == label ? 1.0 : 0.0);
            }
            backward(params, x, offset, gradient);
            return loss;
        }
        delta[layers - 1][0] = (logistic ? sigmoid(z) : z) - y;
        backward(params, x, offset, gradient);
        return loss(z, y);
    }

    /**
     * Adds the gradient of one row's loss into {@code gradient}, given the buffers of the last
     * {@link #forward} on that row and the derivative of the loss with respect to the outputs, already in the
     * output layer's delta buffer.
     */
    private void backward(double[] params, double[] x, int offset, double[] gradient) {
        for (int l = layers - 1; l >= 0; l--) {
            int width = sizes[l];
            int units = sizes[l + 1];
            double[] d = delta[l];
            double[] in = l == 0 ? x : post[l - 1];
            int inStart = l == 0 ? offset : 0;
            int b = biasStart[l];
            for (int u = 0, row = weightStart[l]; u < units; u++, row += width) {
                double g = d[u];
                if (g == 0.0) {
                    continue; // an inactive ReLU passes no gradient: nothing to add
                }
                gradient[b + u] += g;
                for (int i = 0; i < width; i++) {
                    gradient[row + i] += g * in[inStart + i];
                }
            }
            if (l == 0) {
                break;
            }
            double[] back = delta[l - 1];
            double[] z = pre[l - 1];
            Arrays.fill(back, 0.0);
            for (int u = 0, row = weightStart[l]; u < units; u++, row += width) {
                double g = d[u];
                if (g == 0.0) {
                    continue;
                }
                for (int i = 0; i < width; i++) {
                    back[i] += params[row + i] * g;
                }
            }
            for (int i = 0; i < width; i++) {
                if (!(z[i] > 0)) {
                    back[i] = 0.0; // ReLU'(z) = 0 for z <= 0
                }
            }
        }
    }

    /** {@code Σ w²} over every weight (biases are not penalised). */
    double squaredWeights(double[] params) {
        double s = 0;
        for (int l = 0; l < layers; l++) {
            for (int k = weightStart[l]; k < biasStart[l]; k++) {
                s += params[k] * params[k];
            }
        }
        return s;
    }

    /** Adds {@code factor · w} to the gradient of every weight: the gradient of {@code factor/2 · Σ w²}. */
    void addPenaltyGradient(double[] params, double factor, double[] gradient) {
        for (int l = 0; l < layers; l++) {
            for (int k = weightStart[l]; k < biasStart[l]; k++) {
                gradient[k] += factor * params[k];
            }
        }
    }

    /** Layer l's weights as {@code [unit][input]}. */
    double[][] weights(double[] params, int l) {
        int width = sizes[l];
        double[][] w = new double[sizes[l + 1]][width];
        for (int u = 0; u < w.length; u++) {
            System.arraycopy(params, weightStart[l] + u * width, w[u], 0, width);
        }
        return w;
    }

    /** Layer l's biases. */
    double[] biases(double[] params, int l) {
        double[] b = new double[sizes[l + 1]];
        System.arraycopy(params, biasStart[l], b, 0, b.length);
        return b;
    }
}
