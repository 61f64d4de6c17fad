package dev.occam.core.evaluate;

import dev.occam.runtime.Decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.learn.BaselineLearner;
import dev.occam.core.learn.Fixtures;
import dev.occam.core.learn.linear.LinearRegression;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefitCheckTest {

    private static final Fixtures.Data CLASSES = Fixtures.easy(Task.CLASSIFICATION, 600, 21);
    private static final List<Fold> FOLDS = Folds.repeatedKFold(42, 600, 5, 2, CLASSES.target().values());

    private static Evaluation evaluate(dev.occam.core.learn.Learner learner, Fixtures.Data d, Metric metric) {
        return CrossValidation.evaluate(learner, d.features(), d.target(), FOLDS, metric, null, null);
    }

    @Test
    void problems_honestLogistic_none() {
        Model full = CrossValidation.fitWithThreshold(LogisticRegression.pipeline(), CLASSES.features(),
                CLASSES.target(), null);
        Evaluation cv = evaluate(LogisticRegression.pipeline(), CLASSES, Metric.AUC);
        assertEquals(List.of(), RefitCheck.problems(full, CLASSES.features(), CLASSES.target(), Metric.AUC, cv, 42));
    }

    @Test
    void problems_baseline_none() {
        Model full = CrossValidation.fitWithThreshold(new BaselineLearner(), CLASSES.features(), CLASSES.target(), null);
        Evaluation cv = evaluate(new BaselineLearner(), CLASSES, Metric.ACCURACY);
        assertEquals(List.of(), RefitCheck.problems(full, CLASSES.features(), CLASSES.target(), Metric.ACCURACY, cv,
                42));
    }

    @Test
    void problems_modelRankingItsRowsBackwards_namedTwice() {
        // The logistic fit with every coefficient's sign turned: what a diverged fit under separation looks like.
        Model honest = CrossValidation.fitWithThreshold(LogisticRegression.pipeline(), CLASSES.features(),
                CLASSES.target(), null);
        LinearScorer s = (LinearScorer) honest.scorer();
        double[] flipped = s.coefficients().clone();
        for (int j = 0; j < flipped.length; j++) {
            flipped[j] = -flipped[j];
        }
        Model backwards = new Model("logistic", honest.target(), honest.preparation(),
                new LinearScorer(s.input(), LinearScorer.Link.LOGIT, -s.intercept(), flipped, s.aliased(), null),
                honest.decision(), null);
        Evaluation cv = evaluate(LogisticRegression.pipeline(), CLASSES, Metric.AUC);
        List<String> problems = RefitCheck.problems(backwards, CLASSES.features(), CLASSES.target(), Metric.AUC, cv, 42);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("ranks its own training rows backwards: AUC 0.1"), problems.get(0));
        assertTrue(problems.get(1).contains("worse than its folds scored unseen rows"), problems.get(1));
    }

    @Test
    void problems_regressionWorseThanTheMean_named() {
        Fixtures.Data d = Fixtures.easy(Task.REGRESSION, 600, 22);
        List<Fold> folds = Folds.repeatedKFold(42, 600, 5, 2, null);
        Model honest = CrossValidation.fitWithThreshold(LinearRegression.pipeline(), d.features(), d.target(), null);
        Evaluation cv = CrossValidation.evaluate(LinearRegression.pipeline(), d.features(), d.target(), folds,
                Metric.RMSE, null, null);
        assertEquals(List.of(), RefitCheck.problems(honest, d.features(), d.target(), Metric.RMSE, cv, 42));
        LinearScorer s = (LinearScorer) honest.scorer();
        double[] doubled = s.coefficients().clone();
        for (int j = 0; j < doubled.length; j++) {
            doubled[j] *= -1;
        }
        Model wrong = new Model("linear", honest.target(), honest.preparation(),
                new LinearScorer(s.input(), LinearScorer.Link.IDENTITY, s.intercept(), doubled, s.aliased(), null),
                Decision.VALUE, null);
        List<String> problems = RefitCheck.problems(wrong, d.features(), d.target(), Metric.RMSE, cv, 42);
        assertTrue(problems.get(0).contains("worse than their mean does"), problems.toString());
    }

    @Test
    void problems_notConverged_namedWithItsFinding() {
        Model full = CrossValidation.fitWithThreshold(LogisticRegression.pipeline(), CLASSES.features(),
                CLASSES.target(), null).withDiagnostics(new dev.occam.runtime.FitDiagnostics(false,
                        "maximum likelihood (IRLS)", List.of("The iterations stopped at the limit of 25.")));
        Evaluation cv = evaluate(LogisticRegression.pipeline(), CLASSES, Metric.AUC);
        List<String> problems = RefitCheck.problems(full, CLASSES.features(), CLASSES.target(), Metric.AUC, cv, 42);
        assertEquals(List.of("the model refitted on all rows did not converge (The iterations stopped at the limit "
                + "of 25.)"), problems);
    }
}
