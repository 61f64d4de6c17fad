package dev.occam.core.evaluate;

import dev.occam.runtime.Model;
import java.util.List;

/**
 * The models a cross-validation fitted, one per fold and aligned with the folds: each fitted on its fold's
 * training rows, with the decision threshold set from those rows ({@link CrossValidation#fitWithThreshold}).
 * Kept so that what is measured after the choice (permutation importance on each fold's held-out rows) reads
 * the very models that were scored, instead of refitting them.
 *
 * @param family the learner's family
 * @param folds the folds, in the evaluation's order
 * @param models {@code models.get(i)} was fitted on {@code folds.get(i).train()}; immutable and thread-safe
 */
public record FoldModels(String family, List<Fold> folds, List<Model> models) {

    public FoldModels {
        folds = List.copyOf(folds);
        models = List.copyOf(models);
        if (folds.size() != models.size()) {
            throw new IllegalArgumentException("one model per fold expected: " + folds.size() + " folds, "
                    + models.size() + " models");
        }
    }

    public int size() {
        return folds.size();
    }

    public Fold fold(int i) {
        return folds.get(i);
    }

    public Model model(int i) {
        return models.get(i);
    }
}
