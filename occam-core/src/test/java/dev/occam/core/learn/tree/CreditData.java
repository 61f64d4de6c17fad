package dev.occam.core.learn.tree;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.util.List;

/**
 * credit_data as a user's fit sees it: loaded through the project's DuckDB loader (factor columns
 * categorical with levels sorted alphabetically, as R has them), target {@code Status = bad}.
 */
final class CreditData {

    final Frame features;
    final Target target;

    private CreditData(Frame features, Target target) {
        this.features = features;
        this.target = target;
    }

    static CreditData load() {
        LabelledData d = LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad",
                List.of());
        return new CreditData(d.features(), d.target());
    }
}
