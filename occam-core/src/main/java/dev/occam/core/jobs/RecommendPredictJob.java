package dev.occam.core.jobs;

import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.recommend.Interactions;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.recommend.RecommenderModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code occam predict MODEL users.csv --top N} for a recommendation model: for each row of the file (its user
 * column names the user), N rows, best first, with the columns: the user column, {@code rank} (1..N), the item
 * column, {@code score} and {@code reason}. A user the model does not know gets the popularity list, and each of
 * its reasons says so.
 */
public final class RecommendPredictJob {

    private RecommendPredictJob() {
    }

    /** The CSV text. @throws IllegalArgumentException naming the user column when the file lacks it, or a row without a user */
    public static String recommendCsv(RecommenderModel model, Path users, int top) throws DataException {
        Frame table = DataLoader.load(DataSource.file(users));
        String user = model.columns().user();
        if (!table.hasColumn(user)) {
            List<String> names = table.columns().stream().map(Column::name).toList();
            throw new IllegalArgumentException(users + " has no column '" + user + "', the model's user column; its columns are "
                    + String.join(", ", names));
        }
        Column column = table.column(user);
        StringBuilder sb = new StringBuilder();
        sb.append(PredictJob.csvField(user)).append(",rank,").append(PredictJob.csvField(model.columns().item()))
                .append(",score,reason\n");
        for (int r = 0; r < table.rows(); r++) {
            String label = Interactions.label(column, r);
            if (label == null) {
                throw new IllegalArgumentException(users + " row " + (r + 1) + " has no " + user);
            }
            String field = PredictJob.csvField(label);
            for (RecommenderModel.Recommended item : model.recommend(label, top).items()) {
                sb.append(field).append(',').append(item.rank()).append(',').append(PredictJob.csvField(item.item()))
                        .append(',').append(item.score()).append(',').append(PredictJob.csvField(item.reason())).append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes the CSV atomically. @return the rows written (users × ranks) */
    public static int recommendToFile(RecommenderModel model, Path users, int top, Path out) throws IOException, DataException {
        String csv = recommendCsv(model, users, top);
        AtomicFiles.write(out, csv.getBytes(StandardCharsets.UTF_8));
        return (int) csv.chars().filter(c -> c == '\n').count() - 1;
    }
}
