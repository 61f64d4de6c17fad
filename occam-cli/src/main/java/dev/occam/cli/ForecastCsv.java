package dev.occam.cli;

import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.forecast.ForecastRow;
import dev.occam.runtime.io.Json;

/**
 * A forecast as CSV: the series column (when the model has one), the time column (ISO dates), {@code forecast},
 * {@code lower_80}, {@code upper_80}, {@code lower_95}, {@code upper_95}; numbers in their shortest exact form.
 */
final class ForecastCsv {

    private ForecastCsv() {
    }

    /** @param horizon steps ahead, or null for the use case's horizon */
    static String write(ForecastModel model, String series, Integer horizon) {
        StringBuilder sb = new StringBuilder();
        if (model.seriesColumn() != null) {
            sb.append(quote(model.seriesColumn())).append(',');
        }
        sb.append(quote(model.timeColumn())).append(",forecast,lower_80,upper_80,lower_95,upper_95\n");
        for (ForecastRow r : model.forecast(series, horizon != null ? horizon : model.horizon())) {
            if (model.seriesColumn() != null) {
                sb.append(quote(r.series())).append(',');
            }
            sb.append(r.time()).append(',').append(Json.number(r.forecast())).append(',')
                    .append(Json.number(r.lower80())).append(',').append(Json.number(r.upper80())).append(',')
                    .append(Json.number(r.lower95())).append(',').append(Json.number(r.upper95())).append('\n');
        }
        return sb.toString();
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String quote(String field) {
        return field.matches(".*[,\"\\r\\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
