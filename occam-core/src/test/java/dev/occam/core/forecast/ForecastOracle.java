package dev.occam.core.forecast;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seven classic series and R forecast 8.20's results on them (src/test/resources/forecast, see SOURCE.md there):
 * each series is cut into training (all but the last h values) and test (the last h, two seasons or 10 steps).
 */
final class ForecastOracle {

    /** One row of oracle_summary.csv. */
    record Summary(String series, double frequency, int n, int h, String etsModel, double etsAicc,
            Map<String, Double> etsParams, String arimaLabel, int[] arimaOrder, Map<String, Double> mase) {

        int period() {
            return frequency < 1 ? 1 : (int) Math.round(frequency);
        }
    }

    /** One series' forecast file: column name to values over steps 1..h. */
    record Forecasts(Map<String, double[]> columns) {
        double[] column(String name) {
            double[] c = columns.get(name);
            if (c == null) {
                throw new IllegalArgumentException("no column " + name + " in " + columns.keySet());
            }
            return c;
        }
    }

    static final List<String> SERIES = List.of("wineind", "woolyrnq", "gas", "uspop", "LakeHuron", "WWWusage",
            "UKDriverDeaths");

    private ForecastOracle() {
    }

    static double[] values(String series) {
        List<String[]> rows = csv("/forecast/" + series + ".csv");
        double[] v = new double[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            v[i - 1] = Double.parseDouble(rows.get(i)[1]);
        }
        return v;
    }

    static Summary summary(String series) {
        List<String[]> rows = csv("/forecast/oracle_summary.csv");
        for (String[] r : rows.subList(1, rows.size())) {
            if (r[0].equals(series)) {
                Map<String, Double> params = new LinkedHashMap<>();
                for (String kv : r[6].trim().split("\\s+")) {
                    String[] p = kv.split("=");
                    params.put(p[0], Double.parseDouble(p[1]));
                }
                String[] orderText = r[7].replace("[1]", "").trim().split("\\s+");
                int[] order = new int[orderText.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = Integer.parseInt(orderText[i]);
                }
                Map<String, Double> mase = new LinkedHashMap<>();
                String[] header = rows.get(0);
                for (int c = 9; c < header.length; c++) {
                    mase.put(header[c].replace("mase_", ""), r[c].equals("NA") ? Double.NaN : Double.parseDouble(r[c]));
                }
                return new Summary(r[0], Double.parseDouble(r[1]), Integer.parseInt(r[2]), Integer.parseInt(r[3]),
                        r[4], Double.parseDouble(r[5]), params, r[8], order, mase);
            }
        }
        throw new IllegalArgumentException("no summary for " + series);
    }

    static TimeSeries training(String series) {
        Summary s = summary(series);
        double[] all = values(series);
        double[] train = new double[s.n() - s.h()];
        System.arraycopy(all, 0, train, 0, train.length);
        return new TimeSeries(train, s.period());
    }

    static Forecasts forecasts(String series) {
        List<String[]> rows = csv("/forecast/oracle_" + series + "_forecasts.csv");
        String[] header = rows.get(0);
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            double[] v = new double[rows.size() - 1];
            for (int i = 1; i < rows.size(); i++) {
                String cell = rows.get(i)[c];
                v[i - 1] = cell.equals("NA") ? Double.NaN : Double.parseDouble(cell);
            }
            cols.put(header[c], v);
        }
        return new Forecasts(cols);
    }

    static double maxRelativeDiff(double[] ours, double[] theirs) {
        double max = 0;
        for (int i = 0; i < ours.length; i++) {
            max = Math.max(max, Math.abs(ours[i] - theirs[i]) / Math.max(Math.abs(theirs[i]), 1e-12));
        }
        return max;
    }

    private static List<String[]> csv(String resource) {
        try (InputStream in = ForecastOracle.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    rows.add(splitQuoted(line.strip()));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] splitQuoted(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out.toArray(String[]::new);
    }
}
