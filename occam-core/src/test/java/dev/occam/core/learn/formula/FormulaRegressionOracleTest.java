package dev.occam.core.learn.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.FormulaScorer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The formula learner against certified values: ten NIST StRD nonlinear least-squares problems (model, both
 * starts, certified estimates, standard deviations and RSS read from each {@code .dat} file as NIST publishes it;
 * test resources {@code nist/}), and R's nls on Puromycin (treated) and BOD ({@code nls/}, with the R script).
 */
class FormulaRegressionOracleTest {

    static final List<String> NIST = List.of("Misra1a", "Chwirut2", "Chwirut1", "DanWood", "Misra1b", "Gauss1",
            "Gauss2", "Lanczos3", "Misra1c", "Eckerle4");

    /** One NIST problem as its file states it. */
    record Nist(String name, String formula, List<String> parameters, double[][] starts, double[] certified,
            double[] certifiedSd, double rss, double[] x, double[] y) {
    }

    static Nist readNist(String name) throws IOException {
        String text = resource("/nist/" + name + ".dat");
        String[] lines = text.split("\r?\n");
        StringBuilder model = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        double rss = Double.NaN;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        Pattern parameter = Pattern.compile("^\\s*(b\\d+)\\s*=\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s*$");
        boolean inModel = false;
        boolean inData = false;
        int dataHeaders = 0;
        for (String line : lines) {
            Matcher m = parameter.matcher(line);
            if (line.trim().startsWith("y =") || line.trim().startsWith("y  =")) {
                inModel = true;
            }
            if (inModel) {
                model.append(line.trim()).append(' ');
                if (line.trim().endsWith("e")) {
                    inModel = false;
                }
            } else if (m.matches()) {
                parameters.add(m.group(1));
                values.add(new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                        Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))});
            } else if (line.startsWith("Residual Sum of Squares:")) {
                rss = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("Data:")) {
                dataHeaders++;
                inData = dataHeaders == 2;
            } else if (inData && !line.isBlank()) {
                String[] cells = line.trim().split("\\s+");
                ys.add(Double.parseDouble(cells[0]));
                xs.add(Double.parseDouble(cells[1]));
            }
        }
        // "y = b1*(1-exp[-b2*x])  +  e" -> "y ~ b1*(1-exp(-b2*x))": NIST's brackets are parentheses, ** is ^ in R.
        String formula = model.toString().replace('[', '(').replace(']', ')').replaceFirst("\\+\\s*e\\s*$", "")
                .replaceFirst("=", "~").trim();
        int p = parameters.size();
        double[][] starts = new double[2][p];
        double[] certified = new double[p];
        double[] sd = new double[p];
        for (int k = 0; k < p; k++) {
            starts[0][k] = values.get(k)[0];
            starts[1][k] = values.get(k)[1];
            certified[k] = values.get(k)[2];
            sd[k] = values.get(k)[3];
        }
        return new Nist(name, formula, parameters, starts, certified, sd, rss,
                xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static String resource(String path) throws IOException {
        try (InputStream in = FormulaRegressionOracleTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Stream<Arguments> problemsAndStarts() {
        return NIST.stream().flatMap(n -> Stream.of(Arguments.of(n, 1), Arguments.of(n, 2)));
    }

    static Model fit(String formula, Map<String, Double> start, Map<String, double[]> columns, String target,
            double[] y) {
        List<NumericColumn> cols = new ArrayList<>();
        columns.forEach((name, values) -> cols.add(new NumericColumn(name, values)));
        return new FormulaRegression(FormulaRegression.Options.of(formula, start))
                .fit(new Frame(cols), new Target(TargetInfo.regression(target), y));
    }

    /** Agreement to {@code digits} significant digits: relative error at most 10^-digits. */
    static void assertDigits(double expected, double actual, int digits, String what) {
        double relative = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(relative <= Math.pow(10, -digits), what + ": expected " + expected + ", got " + actual
                + " (relative error " + relative + ")");
    }

    @ParameterizedTest(name = "{0} start {1}")
    @MethodSource("problemsAndStarts")
    void fit_nistProblem_certifiedEstimatesTo6DigitsAndStdErrorsTo4(String name, int start) throws IOException {
        Nist nist = readNist(name);
        Map<String, Double> starts = new LinkedHashMap<>();
        for (int k = 0; k < nist.parameters().size(); k++) {
            starts.put(nist.parameters().get(k), nist.starts()[start - 1][k]);
        }
        Model m = fit(nist.formula(), starts, Map.of("x", nist.x()), "y", nist.y());
        assertTrue(m.diagnostics().converged(), name + ": " + m.diagnostics());
        FormulaScorer scorer = (FormulaScorer) m.scorer();
        assertEquals(nist.parameters(), scorer.formula().parameters());
        double[] estimates = scorer.estimates();
        double[] se = scorer.inference().stdErrors();
        for (int k = 0; k < estimates.length; k++) {
            String parameter = name + " " + nist.parameters().get(k);
            assertDigits(nist.certified()[k], estimates[k], 6, parameter + " estimate");
            assertDigits(nist.certifiedSd()[k], se[k], 4, parameter + " standard error");
        }
        assertDigits(nist.rss(), scorer.inference().fit().get("residual_sum_of_squares"), 6, name + " RSS");
    }

    /** The R oracle's rows of one data set: parameter -> {estimate, se, rss, sigma, df, lower, upper}. */
    static Map<String, double[]> oracle(String dataset, String suffix) throws IOException {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String line : resource("/nls/nls_coefficients" + suffix + ".csv").split("\n")) {
            String[] c = line.replace("\"", "").split(",");
            if (c[0].equals(dataset)) {
                out.put(c[1], new double[] {Double.parseDouble(c[2]), Double.parseDouble(c[3]), Double.parseDouble(c[4]),
                        Double.parseDouble(c[5]), Double.parseDouble(c[6]), Double.NaN, Double.NaN});
            }
        }
        for (String line : resource("/nls/nls_wald_ci95" + suffix + ".csv").split("\n")) {
            String[] c = line.replace("\"", "").split(",");
            if (c[0].equals(dataset)) {
                out.get(c[1])[5] = Double.parseDouble(c[2]);
                out.get(c[1])[6] = Double.parseDouble(c[3]);
            }
        }
        return out;
    }

    static Map<String, double[]> csv(String path) throws IOException {
        String[] lines = resource(path).split("\n");
        String[] header = lines[0].replace("\"", "").split(",");
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int j = 0; j < header.length; j++) {
            double[] column = new double[lines.length - 1];
            for (int i = 1; i < lines.length; i++) {
                column[i - 1] = Double.parseDouble(lines[i].split(",")[j]);
            }
            out.put(header[j], column);
        }
        return out;
    }

    /**
     * R's nls converged tightly ({@code tol = 1e-8}) to 1e-6 relative; R's nls with its default control
     * ({@code tol = 1e-5} on the relative offset, the values given with the issue) to 1e-5: those stop while the
     * seventh digit still moves (Puromycin's K: 0.06412110 by default, 0.06412128 converged, where R's own RSS is
     * lower), so they cannot be met to 1e-6 by a fit that reaches the minimum.
     */
    static void assertAgreesWithR(Model m, String dataset) throws IOException {
        assertAgreesWithR(m, oracle(dataset, "_tol1e-8"), 1e-6);
        assertAgreesWithR(m, oracle(dataset, ""), 1e-5);
    }

    static void assertAgreesWithR(Model m, Map<String, double[]> r, double tolerance) {
        assertTrue(m.diagnostics().converged(), m.diagnostics().toString());
        FormulaScorer scorer = (FormulaScorer) m.scorer();
        FormulaScorer.Inference inf = scorer.inference();
        List<String> names = scorer.formula().parameters();
        assertEquals(List.copyOf(r.keySet()), names);
        for (int k = 0; k < names.size(); k++) {
            double[] o = r.get(names.get(k));
            assertEquals(o[0], scorer.estimates()[k], tolerance * Math.abs(o[0]), names.get(k) + " estimate");
            assertEquals(o[1], inf.stdErrors()[k], tolerance * o[1], names.get(k) + " standard error");
            assertEquals(o[5], inf.lower()[k], tolerance * Math.abs(o[5]), names.get(k) + " lower 95%");
            assertEquals(o[6], inf.upper()[k], tolerance * Math.abs(o[6]), names.get(k) + " upper 95%");
            assertEquals(o[2], inf.fit().get("residual_sum_of_squares"), tolerance * o[2], "RSS");
            assertEquals(o[3], inf.fit().get("sigma"), tolerance * o[3], "sigma");
            assertEquals(o[4], inf.fit().get("df_residual"), 0.0, "df");
        }
    }

    @Test
    void fit_puromycinTreated_agreesWithRNlsTo1e6() throws IOException {
        Map<String, double[]> data = csv("/nls/puromycin_treated.csv");
        Model m = fit("rate ~ Vm * conc / (K + conc)", Map.of("Vm", 200.0, "K", 0.1), Map.of("conc", data.get("conc")),
                "rate", data.get("rate"));
        assertAgreesWithR(m, "puromycin_treated");
    }

    @Test
    void fit_bod_agreesWithRNlsTo1e6() throws IOException {
        Map<String, double[]> data = csv("/nls/bod.csv");
        Model m = fit("demand ~ A * (1 - exp(-lrc_e * Time))", Map.of("A", 20.0, "lrc_e", 0.5),
                Map.of("Time", data.get("Time")), "demand", data.get("demand"));
        assertAgreesWithR(m, "bod");
    }

    @Test
    void fit_puromycinWithoutStartForTheLinearVm_sameFitAsR() throws IOException {
        // Vm enters linearly, so its start is solved by least squares at K = 0.1.
        Map<String, double[]> data = csv("/nls/puromycin_treated.csv");
        Model m = fit("rate ~ Vm * conc / (K + conc)", Map.of("K", 0.1), Map.of("conc", data.get("conc")), "rate",
                data.get("rate"));
        assertAgreesWithR(m, "puromycin_treated");
    }
}
