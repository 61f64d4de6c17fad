package dev.occam.core.evaluate;

/** One train/test split of repeated k-fold cross-validation; row indices ascending. */
public record Fold(int repeat, int index, int[] train, int[] test) {

    public Fold {
        train = train.clone();
        test = test.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }
}
