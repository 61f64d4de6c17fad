package dev.occam.core.learn.neural;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mini-batch training with Adam and early stopping, single-threaded and in a fixed order of operations,
 * so that the same rows and the same seed give bit-identical weights.
 *
 * <p>One {@link SplittableRandom}, seeded from the options, is drawn from in this order: the
 * validation split, the starting weights, then one shuffle of the training rows per epoch.
 */
final class Trainer {

    /** Kingma &amp; Ba (2015)'s recommended decay rates of the first and second moment estimates, and ε. */
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    /**
     * What training produced: the network, its best parameters, and how it got there. {@code bestLoss} is
     * the mean loss on the validation rows, or on the training rows when there are none; {@code bestEpoch}
     * 0 means no epoch improved on the starting weights. {@code diverged}: the loss became non-finite at
     * epoch {@code epochs}, and training stopped there.
     */
    record Result(Network network, double[] params, int trainingRows, int validationRows, int epochs, int bestEpoch,
            double bestLoss, boolean stoppedEarly, boolean diverged) {
    }

    /** Row indices (ascending) for the gradient steps and for the early-stopping check. */
    record Split(int[] training, int[] validation) {
    }

    private Trainer() {
    }

    /**
     * @param x the rows, row-major: row r is {@code x[r·p .. r·p + p)}
     * @param y the targets: 0/1 for classification, any number (best standardised) for regression
     */
    static Result train(double[] x, double[] y, int n, int p, boolean classification,
            MultilayerPerceptron.Options options) {
        return train(x, y, n, p, classification, 1, options);
    }

    /**
     * @param y the targets: 0/1 for two classes, class codes 0..K−1 for K >= 3 classes, any number (best
     *     standardised) for regression
     * @param classes 1 for one output, or K >= 3 for K softmax outputs (cross-entropy; early stopping on the
     *     validation rows' mean log loss)
     */
    static Result train(double[] x, double[] y, int n, int p, boolean classification, int classes,
            MultilayerPerceptron.Options options) {
        SplittableRandom random = new SplittableRandom(options.seed());
        Split split = classes > 1 ? splitClasses(y, n, classes, options.validationFraction(), random)
                : split(y, n, classification, options.validationFraction(), random);
        int nt = split.training().length;
        int nv = split.validation().length;
        double[] xt = gather(x, p, split.training());
        double[] yt = gather(y, 1, split.training());
        double[] xm = nv > 0 ? gather(x, p, split.validation()) : xt;
        double[] ym = nv > 0 ? gather(y, 1, split.validation()) : yt;
        int nm = nv > 0 ? nv : nt;

        Network network = new Network(p, options.hiddenLayers(), classification, classes);
        int size = network.parameterCount();
        double[] params = new double[size];
        double outputBias = 0.0;
        if (classes > 1) {
            // Each class's output bias at the log of its training share, shrunk half a row towards 1/K.
            double[] count = new double[classes];
            for (double v : yt) {
                count[(int) v]++;
            }
            double[] bias = new double[classes];
            for (int k = 0; k < classes; k++) {
                bias[k] = StrictMath.log((count[k] + 0.5) / (nt + 0.5 * classes));
            }
            network.initialise(params, random, bias);
        } else if (classification) {
            double positives = 0;
            for (double v : yt) {
                positives += v;
            }
            // Shrunk half a row towards 1/2, so that a single-class training part gets a finite log-odds.
            double prior = (positives + 0.5) / (nt + 1.0);
            outputBias = StrictMath.log(prior / (1.0 - prior));
        }
        if (classes == 1) {
            network.initialise(params, random, outputBias);
        }

        double[] best = params.clone();
        double bestLoss = meanLoss(network, params, xm, ym, nm, p);
        int bestEpoch = 0;
        int epochs = 0;
        boolean stoppedEarly = false;
        boolean diverged = false;

        double[] gradient = new double[size];
        double[] m = new double[size];
        double[] v = new double[size];
        double beta1Power = 1.0;
        double beta2Power = 1.0;
        double rate = options.learningRate();
        double penalty = options.l2Penalty();
        int batch = Math.min(options.batchSize(), nt);
        int[] order = new int[nt];
        for (int i = 0; i < nt; i++) {
            order[i] = i;
        }
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
            shuffle(order, random);
            for (int start = 0; start < nt; start += batch) {
                int end = Math.min(start + batch, nt);
                Arrays.fill(gradient, 0.0);
                for (int k = start; k < end; k++) {
                    int r = order[k];
                    network.accumulate(params, xt, r * p, yt[r], gradient);
                }
                // scikit-learn's convention: the batch's objective is (Σ loss + penalty/2 · Σ w²) / batch size.
                network.addPenaltyGradient(params, penalty, gradient);
                double scale = 1.0 / (end - start);
                beta1Power *= BETA1;
                beta2Power *= BETA2;
                double c1 = 1.0 - beta1Power;
                double c2 = 1.0 - beta2Power;
                for (int k = 0; k < size; k++) {
                    double g = gradient[k] * scale;
                    m[k] = BETA1 * m[k] + (1.0 - BETA1) * g;
                    v[k] = BETA2 * v[k] + (1.0 - BETA2) * g * g;
                    // Algorithm 1 of Kingma & Ba: bias-corrected moments, then the step.
                    double mHat = m[k] / c1;
                    double vHat = v[k] / c2;
                    params[k] -= rate * mHat / (Math.sqrt(vHat) + EPSILON);
                }
            }
            epochs = epoch;
            double loss = meanLoss(network, params, xm, ym, nm, p);
            if (!Double.isFinite(loss)) {
                stoppedEarly = true; // diverged: keep the best weights so far
                diverged = true;
                break;
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                bestEpoch = epoch;
                System.arraycopy(params, 0, best, 0, size);
            } else if (epoch - bestEpoch >= options.patience()) {
                stoppedEarly = true;
                break;
            }
        }
        return new Result(network, best, nt, nv, epochs, bestEpoch, bestLoss, stoppedEarly, diverged);
    }

    /**
     * Sets aside {@code round(fraction · count)} rows of each class (classification) or of all rows
     * (regression), chosen at random, for the early-stopping check. When that leaves a side without a row
     * (of some class), every row trains and the check falls back to the training rows.
     */
    static Split split(double[] y, int n, boolean classification, double fraction, SplittableRandom random) {
        boolean[] held = new boolean[n];
        int count = 0;
        if (classification) {
            int[] positives = indices(y, n, 1.0);
            int[] negatives = indices(y, n, 0.0);
            shuffle(positives, random);
            shuffle(negatives, random);
            int vp = (int) Math.round(fraction * positives.length);
            int vn = (int) Math.round(fraction * negatives.length);
            if (vp >= 1 && vn >= 1 && vp < positives.length && vn < negatives.length) {
                for (int i = 0; i < vp; i++) {
                    held[positives[i]] = true;
                }
                for (int i = 0; i < vn; i++) {
                    held[negatives[i]] = true;
                }
                count = vp + vn;
            }
        } else {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            shuffle(all, random);
            int nv = (int) Math.round(fraction * n);
            if (nv >= 1 && nv < n) {
                for (int i = 0; i < nv; i++) {
                    held[all[i]] = true;
                }
                count = nv;
            }
        }
        int[] training = new int[n - count];
        int[] validation = new int[count];
        for (int i = 0, t = 0, v = 0; i < n; i++) {
            if (held[i]) {
                validation[v++] = i;
            } else {
                training[t++] = i;
            }
        }
        return new Split(training, validation);
    }

    /**
     * {@link #split} for K >= 3 classes: {@code round(fraction · count)} rows of each class; when that leaves a
     * side without a row of some class, every row trains.
     */
    static Split splitClasses(double[] y, int n, int classes, double fraction, SplittableRandom random) {
        boolean[] held = new boolean[n];
        int[][] byClass = new int[classes][];
        int[] take = new int[classes];
        boolean possible = true;
        for (int k = 0; k < classes; k++) {
            byClass[k] = indices(y, n, k);
            shuffle(byClass[k], random);
            take[k] = (int) Math.round(fraction * byClass[k].length);
            possible &= take[k] >= 1 && take[k] < byClass[k].length;
        }
        int count = 0;
        if (possible) {
            for (int k = 0; k < classes; k++) {
                for (int i = 0; i < take[k]; i++) {
                    held[byClass[k][i]] = true;
                }
                count += take[k];
            }
        }
        int[] training = new int[n - count];
        int[] validation = new int[count];
        for (int i = 0, t = 0, v = 0; i < n; i++) {
            if (held[i]) {
                validation[v++] = i;
            } else {
                training[t++] = i;
            }
        }
        return new Split(training, validation);
    }

    private static int[] indices(double[] y, int n, double value) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] == value) {
                count++;
            }
        }
        int[] out = new int[count];
        for (int i = 0, k = 0; i < n; i++) {
            if (y[i] == value) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** Fisher-Yates, from the last position down. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The rows of a row-major array of width {@code p}, in the given order. */
    private static double[] gather(double[] x, int p, int[] rows) {
        double[] out = new double[rows.length * p];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(x, rows[k] * p, out, k * p, p);
        }
        return out;
    }

    static double meanLoss(Network network, double[] params, double[] x, double[] y, int n, int p) {
        double sum = 0;
        for (int r = 0; r < n; r++) {
            double z = network.forward(params, x, r * p);
            sum += network.classes() > 1 ? Network.lossClasses(network.outputs(), (int) y[r]) : network.loss(z, y[r]);
        }
        return sum / n;
    }
}
