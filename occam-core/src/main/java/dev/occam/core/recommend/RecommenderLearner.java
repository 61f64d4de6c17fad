package dev.occam.core.recommend;

import dev.occam.runtime.recommend.Recommender;
import java.util.List;

/**
 * One way of fitting a recommender with fixed hyperparameters: fitting reads the matrix and never changes it,
 * and gives an immutable runtime {@link Recommender}. Implementations are records of their hyperparameters,
 * validated when built.
 */
public interface RecommenderLearner {

    /** The fitted recommender's {@link Recommender#method()}. */
    String method();

    /** 0 popularity, 1 item neighbourhoods, 2 random walks, 3 linear (EASE), 4 matrix factorisation. */
    int rung();

    Recommender fit(InteractionMatrix train);

    /** What fitting this matrix will leave out or change, in words (empty when nothing). */
    default List<String> notes(InteractionMatrix train) {
        return List.of();
    }
}
