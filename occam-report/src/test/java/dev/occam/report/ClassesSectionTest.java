package dev.occam.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.results.ReportData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A multiclass model's section: the held-out confusion matrix by true class, each class's AUC, the accuracy. */
class ClassesSectionTest {

    @Test
    void classes_threeSpecies_tableWithCountsAucAndAccuracy() {
        ReportData.Classes classes = new ReportData.Classes("naive-bayes", List.of("setosa", "versicolor", "virginica"),
                new int[][] {{50, 0, 0}, {0, 47, 3}, {0, 3, 47}}, new double[] {1.0, 0.9912, 0.9912}, 144 / 150.0);
        String html = ReportPage.classes(classes);
        assertTrue(html.contains("Held-out accuracy <b>96%</b>"), html);
        assertTrue(html.contains("<th>versicolor</th>") || html.contains(">versicolor<"), html);
        // The versicolor row: 0 called setosa, 47 versicolor, 3 virginica, AUC 0.9912.
        assertTrue(html.replaceAll("<[^>]+>", "|").replaceAll("\\|+", "|").contains("|versicolor|0|47|3|0.9912|"),
                html);
    }
}
