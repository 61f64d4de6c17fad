package dev.occam.export;

import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.calibration.Calibrator;
import dev.occam.runtime.calibration.IsotonicCalibration;
import dev.occam.runtime.calibration.PlattScaling;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.prep.Standardization;
import dev.occam.runtime.prep.Transform;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.ScorecardScorer;
import dev.occam.runtime.scorer.Scorer;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fitted glass-box {@link Model} (logistic or linear regression, the lasso, a scorecard, a decision tree) as
 * a PMML 4.4 document (Data Mining Group, <i>PMML 4.4 General Structure</i>, 2019): the raw features in the
 * data dictionary, each preparation step as derived fields ({@code if}/{@code isMissing} for imputation,
 * {@code (x − mean) / sd} for standardisation, {@code if(equal(x, level), 1, 0)} for an indicator), the scorer as
 * a {@code RegressionModel}, {@code Scorecard} or {@code TreeModel}, and the calibrator and decision as output
 * fields. A category outside the training levels is treated as missing ({@code invalidValueTreatment="asMissing"}),
 * as Occam treats it; a tree's missing values follow each node's missing direction ({@code defaultChild}).
 *
 * <p>Output fields: for two classes {@code score} (the scorer's probability before calibration),
 * {@code probability} (calibrated) and {@code label} (the call at the threshold); for regression
 * {@code prediction}. Every arithmetic step is the one Occam performs, in the same order, so a double-precision
 * evaluator reproduces Occam's answers to rounding.
 */
final class PmmlWriter {

    private final StringBuilder derived = new StringBuilder();
    private final Set<String> names = new HashSet<>();

    private PmmlWriter() {
    }

    /** @throws IllegalArgumentException naming what has no PMML form here */
    static String write(Model model, String producerVersion) {
        return new PmmlWriter().document(model, producerVersion);
    }

    /** A column of the prepared row: a PMML field, a number (double) or a category (string with its levels). */
    private record Column(String field, Feature feature) {
    }

    private String document(Model model, String producerVersion) {
        TargetInfo target = model.target();
        if (target.isMulticlass()) {
            throw new IllegalArgumentException("the " + model.family() + " model of '" + target.name() + "' has "
                    + target.classCount() + " classes; export writes models of two classes or of a number");
        }
        Scorer scorer = model.scorer();
        if (!ModelExport.hasPmml(model)) {
            throw new IllegalArgumentException("the " + model.family() + " model has no PMML form here; PMML export"
                    + " writes logistic, linear, lasso, scorecard and decision tree models"
                    + (ModelExport.hasOnnx(model) ? " (this one can be written as ONNX: --format onnx)" : ""));
        }
        List<Column> columns = new ArrayList<>();
        for (Feature f : model.schema().features()) {
            columns.add(new Column(f.name(), f));
            names.add(f.name());
        }
        int step = 0;
        for (Transform t : model.preparation()) {
            columns = transform(t, columns, ++step);
        }
        boolean scorecard = scorer instanceof ScorecardScorer;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n");
        sb.append("  <Header description=\"").append(attr(model.family() + " model of " + target.name()))
                .append(", exported by Occam\">\n    <Application name=\"Occam\" version=\"")
                .append(attr(producerVersion)).append("\"/>\n  </Header>\n");
        sb.append("  <DataDictionary>\n");
        for (Feature f : model.schema().features()) {
            dataField(sb, f.name(), f);
        }
        boolean predictsTarget = !scorecard;
        if (predictsTarget) {
            dataField(sb, target.name(), target.isClassification()
                    ? Feature.categorical(target.name(), List.of(target.positive(), target.negative()))
                    : Feature.numeric(target.name()));
        }
        sb.append("  </DataDictionary>\n");
        if (derived.length() > 0) {
            sb.append("  <TransformationDictionary>\n").append(derived).append("  </TransformationDictionary>\n");
        }
        StringBuilder mining = new StringBuilder("    <MiningSchema>\n");
        for (Feature f : model.schema().features()) {
            mining.append("      <MiningField name=\"").append(attr(f.name())).append('"')
                    .append(f.isCategorical() ? " invalidValueTreatment=\"asMissing\"" : "").append("/>\n");
        }
        if (predictsTarget) {
            mining.append("      <MiningField name=\"").append(attr(target.name())).append("\" usageType=\"target\"/>\n");
        }
        mining.append("    </MiningSchema>\n");
        String output = output(model);
        if (scorer instanceof LinearScorer linear) {
            linear(sb, model, linear, columns, mining, output);
        } else if (scorer instanceof TreeScorer tree) {
            tree(sb, model, tree, columns, mining, output);
        } else {
            scorecard(sb, (ScorecardScorer) scorer, columns, mining, output);
        }
        sb.append("</PMML>\n");
        return sb.toString();
    }

    private static void dataField(StringBuilder sb, String name, Feature f) {
        if (f.isNumeric()) {
            sb.append("    <DataField name=\"").append(attr(name)).append("\" optype=\"continuous\" dataType=\"double\"/>\n");
            return;
        }
        sb.append("    <DataField name=\"").append(attr(name)).append("\" optype=\"categorical\" dataType=\"string\">\n");
        for (String level : f.levels()) {
            sb.append("      <Value value=\"").append(attr(level)).append("\"/>\n");
        }
        sb.append("    </DataField>\n");
    }

    private List<Column> transform(Transform t, List<Column> in, int step) {
        List<Column> out = new ArrayList<>();
        if (t instanceof Imputation imputation) {
            for (int i = 0; i < in.size(); i++) {
                Column c = in.get(i);
                double fill = imputation.fill(i);
                if (Double.isNaN(fill)) {
                    out.add(c);
                    continue;
                }
                String value = c.feature.isNumeric() ? constant(fill)
                        : "<Constant dataType=\"string\">" + text(c.feature.levels().get((int) fill)) + "</Constant>";
                out.add(derive(c.feature.name() + " (imputed, step " + step + ")", c.feature,
                        "<Apply function=\"if\"><Apply function=\"isMissing\">" + ref(c.field) + "</Apply>" + value
                                + ref(c.field) + "</Apply>"));
            }
        } else if (t instanceof Standardization standardization) {
            for (int i = 0; i < in.size(); i++) {
                Column c = in.get(i);
                out.add(!c.feature.isNumeric() ? c : derive(c.feature.name() + " (standardised, step " + step + ")",
                        c.feature, "<Apply function=\"/\"><Apply function=\"-\">" + ref(c.field)
                                + constant(standardization.mean(i)) + "</Apply>" + constant(standardization.scale(i))
                                + "</Apply>"));
            }
        } else {
            IndicatorEncoding encoding = (IndicatorEncoding) t;
            for (Column c : in) {
                if (c.feature.isNumeric()) {
                    out.add(c);
                    continue;
                }
                for (int code = encoding.dropFirst() ? 1 : 0; code < c.feature.levels().size(); code++) {
                    String level = c.feature.levels().get(code);
                    String name = IndicatorEncoding.columnName(c.feature.name(), level);
                    // equal() of a missing value is missing, so a missing category makes every indicator missing.
                    out.add(derive(name + " (step " + step + ")", Feature.numeric(name),
                            "<Apply function=\"if\"><Apply function=\"equal\">" + ref(c.field)
                                    + "<Constant dataType=\"string\">" + text(level) + "</Constant></Apply>"
                                    + constant(1) + constant(0) + "</Apply>"));
                }
            }
        }
        return out;
    }

    private Column derive(String name, Feature feature, String expression) {
        String unique = name;
        for (int k = 2; !names.add(unique); k++) {
            unique = name + " #" + k;
        }
        derived.append("    <DerivedField name=\"").append(attr(unique)).append(feature.isNumeric()
                ? "\" optype=\"continuous\" dataType=\"double\">" : "\" optype=\"categorical\" dataType=\"string\">")
                .append(expression).append("</DerivedField>\n");
        return new Column(unique, feature);
    }

    private static void linear(StringBuilder sb, Model model, LinearScorer linear, List<Column> columns,
            StringBuilder mining, String output) {
        TargetInfo target = model.target();
        boolean logit = linear.link() == LinearScorer.Link.LOGIT;
        sb.append("  <RegressionModel functionName=\"").append(target.isClassification() ? "classification" : "regression")
                .append('"').append(logit ? " normalizationMethod=\"logit\"" : "").append(">\n");
        sb.append(mining).append(output);
        sb.append("    <RegressionTable intercept=\"").append(number(linear.intercept())).append('"')
                .append(target.isClassification() ? " targetCategory=\"" + attr(target.positive()) + "\"" : "")
                .append(">\n");
        double[] beta = linear.coefficients();
        for (int j = 0; j < beta.length; j++) {
            // Aliased and zero coefficients stay: 0 times a missing value is missing in Occam too.
            sb.append("      <NumericPredictor name=\"").append(attr(columns.get(j).field)).append("\" coefficient=\"")
                    .append(number(beta[j])).append("\"/>\n");
        }
        sb.append("    </RegressionTable>\n");
        if (target.isClassification()) {
            sb.append("    <RegressionTable intercept=\"0\" targetCategory=\"").append(attr(target.negative()))
                    .append("\"/>\n");
        }
        sb.append("  </RegressionModel>\n");
    }

    private static void tree(StringBuilder sb, Model model, TreeScorer tree, List<Column> columns,
            StringBuilder mining, String output) {
        TargetInfo target = model.target();
        sb.append("  <TreeModel functionName=\"").append(target.isClassification() ? "classification" : "regression")
                .append("\" missingValueStrategy=\"defaultChild\" noTrueChildStrategy=\"returnNullPrediction\""
                        + " splitCharacteristic=\"binarySplit\">\n");
        sb.append(mining).append(output);
        node(sb, model, tree, columns, 0, "<True/>", "    ");
        sb.append("  </TreeModel>\n");
    }

    private static void node(StringBuilder sb, Model model, TreeScorer tree, List<Column> columns, int i,
            String predicate, String indent) {
        TreeScorer.Node n = tree.nodes().get(i);
        TargetInfo target = model.target();
        String score = target.isClassification() ? attr(n.value() >= 0.5 ? target.positive() : target.negative())
                : number(n.value());
        sb.append(indent).append("<Node id=\"").append(i).append("\" score=\"").append(score)
                .append("\" recordCount=\"").append(n.count()).append('"');
        if (!n.isLeaf()) {
            sb.append(" defaultChild=\"").append(n.missingLeft() ? n.left() : n.right()).append('"');
        }
        sb.append(">\n").append(indent).append("  ").append(predicate).append('\n');
        if (target.isClassification()) {
            sb.append(indent).append("  <ScoreDistribution value=\"").append(attr(target.positive()))
                    .append("\" recordCount=\"").append(number(n.value() * n.count())).append("\" probability=\"")
                    .append(number(n.value())).append("\"/>\n");
            sb.append(indent).append("  <ScoreDistribution value=\"").append(attr(target.negative()))
                    .append("\" recordCount=\"").append(number((1 - n.value()) * n.count()))
                    .append("\" probability=\"").append(number(1 - n.value())).append("\"/>\n");
        }
        if (!n.isLeaf()) {
            Column c = columns.get(n.feature());
            String left;
            String right;
            if (n.leftLevels() == null) {
                left = "<SimplePredicate field=\"" + attr(c.field) + "\" operator=\"lessThan\" value=\""
                        + number(n.threshold()) + "\"/>";
                right = "<SimplePredicate field=\"" + attr(c.field) + "\" operator=\"greaterOrEqual\" value=\""
                        + number(n.threshold()) + "\"/>";
            } else {
                List<String> goLeft = new ArrayList<>();
                List<String> goRight = new ArrayList<>();
                boolean[] levels = n.leftLevels();
                for (int code = 0; code < c.feature.levels().size(); code++) {
                    (code < levels.length && levels[code] ? goLeft : goRight).add(c.feature.levels().get(code));
                }
                left = isIn(c.field, goLeft);
                right = isIn(c.field, goRight);
            }
            node(sb, model, tree, columns, n.left(), left, indent + "  ");
            node(sb, model, tree, columns, n.right(), right, indent + "  ");
        }
        sb.append(indent).append("</Node>\n");
    }

    private static void scorecard(StringBuilder sb, ScorecardScorer card, List<Column> columns, StringBuilder mining,
            String output) {
        sb.append("  <Scorecard functionName=\"regression\" useReasonCodes=\"false\" initialScore=\"")
                .append(number(card.basePoints())).append("\">\n");
        sb.append(mining).append(output).append("    <Characteristics>\n");
        for (ScorecardScorer.Characteristic ch : card.characteristics()) {
            Column c = columns.get(ch.feature());
            sb.append("      <Characteristic name=\"").append(attr(c.field)).append("\">\n");
            List<ScorecardScorer.Bin> bins = ch.bins();
            String field = attr(c.field);
            if (ch.isNumeric()) {
                // Missing values first: a comparison with a missing value is unknown, never true.
                attribute(sb, bins.get(ch.missingBin()).points(),
                        "<SimplePredicate field=\"" + field + "\" operator=\"isMissing\"/>");
                double[] cuts = ch.cuts();
                for (int k = 0; k <= cuts.length; k++) {
                    String lower = k == 0 ? null : "<SimplePredicate field=\"" + field
                            + "\" operator=\"greaterOrEqual\" value=\"" + number(cuts[k - 1]) + "\"/>";
                    String upper = k == cuts.length ? null : "<SimplePredicate field=\"" + field
                            + "\" operator=\"lessThan\" value=\"" + number(cuts[k]) + "\"/>";
                    String predicate = lower == null && upper == null ? "<True/>" : lower == null ? upper
                            : upper == null ? lower
                                    : "<CompoundPredicate booleanOperator=\"and\">" + lower + upper + "</CompoundPredicate>";
                    attribute(sb, bins.get(k).points(), predicate);
                }
            } else {
                int[] levelBins = ch.levelBins();
                List<String> asMissing = new ArrayList<>();
                for (int code = 0; code < levelBins.length; code++) {
                    if (levelBins[code] < 0) {
                        asMissing.add(c.feature.levels().get(code));
                    }
                }
                String missing = "<SimplePredicate field=\"" + field + "\" operator=\"isMissing\"/>";
                attribute(sb, bins.get(ch.missingBin()).points(), asMissing.isEmpty() ? missing
                        : "<CompoundPredicate booleanOperator=\"or\">" + missing + isIn(c.field, asMissing)
                                + "</CompoundPredicate>");
                for (int b = 0; b < bins.size(); b++) {
                    List<String> levels = new ArrayList<>();
                    for (int code = 0; code < levelBins.length; code++) {
                        if (levelBins[code] == b) {
                            levels.add(c.feature.levels().get(code));
                        }
                    }
                    if (!levels.isEmpty()) {
                        attribute(sb, bins.get(b).points(), isIn(c.field, levels));
                    }
                }
            }
            sb.append("      </Characteristic>\n");
        }
        sb.append("    </Characteristics>\n  </Scorecard>\n");
    }

    private static void attribute(StringBuilder sb, double points, String predicate) {
        sb.append("        <Attribute partialScore=\"").append(number(points)).append("\">").append(predicate)
                .append("</Attribute>\n");
    }

    /** The output fields: the score before calibration, the calibrated probability and the call; or the value. */
    private static String output(Model model) {
        TargetInfo target = model.target();
        StringBuilder sb = new StringBuilder("    <Output>\n");
        if (target.isRegression()) {
            sb.append("      <OutputField name=\"prediction\" optype=\"continuous\" dataType=\"double\""
                    + " feature=\"predictedValue\"/>\n");
            return sb.append("    </Output>\n").toString();
        }
        if (model.scorer() instanceof ScorecardScorer card) {
            sb.append("      <OutputField name=\"points\" optype=\"continuous\" dataType=\"double\""
                    + " feature=\"predictedValue\"/>\n");
            ScorecardScorer.Scaling scaling = card.scaling();
            // 1 / (1 + exp((points − offset) / factor)), as ScorecardScorer.probability computes it.
            sb.append("      <OutputField name=\"score\" optype=\"continuous\" dataType=\"double\""
                    + " feature=\"transformedValue\"><Apply function=\"/\">").append(constant(1))
                    .append("<Apply function=\"+\">").append(constant(1)).append("<Apply function=\"exp\">"
                            + "<Apply function=\"/\"><Apply function=\"-\">").append(ref("points"))
                    .append(constant(scaling.offset())).append("</Apply>").append(constant(scaling.factor()))
                    .append("</Apply></Apply></Apply></Apply></OutputField>\n");
        } else {
            sb.append("      <OutputField name=\"score\" optype=\"continuous\" dataType=\"double\""
                    + " feature=\"probability\" value=\"").append(attr(target.positive())).append("\"/>\n");
        }
        sb.append("      <OutputField name=\"probability\" optype=\"continuous\" dataType=\"double\""
                + " feature=\"transformedValue\">").append(calibrated(model.calibration(), ref("score")))
                .append("</OutputField>\n");
        sb.append("      <OutputField name=\"label\" optype=\"categorical\" dataType=\"string\""
                + " feature=\"transformedValue\"><Apply function=\"if\"><Apply function=\"greaterOrEqual\">")
                .append(ref("probability")).append(constant(ModelExport.callThreshold(model))).append("</Apply>")
                .append("<Constant dataType=\"string\">").append(text(target.positive())).append("</Constant>")
                .append("<Constant dataType=\"string\">").append(text(target.negative())).append("</Constant>")
                .append("</Apply></OutputField>\n");
        return sb.append("    </Output>\n").toString();
    }

    /** The calibrator as an expression of the score, in the calibrator's own order of operations. */
    static String calibrated(Calibrator calibration, String score) {
        if (calibration == null) {
            return score;
        }
        if (calibration instanceof PlattScaling platt) {
            String s = "<Apply function=\"min\">" + constant(1 - PlattScaling.EPSILON) + "<Apply function=\"max\">"
                    + constant(PlattScaling.EPSILON) + score + "</Apply></Apply>";
            String logit = "<Apply function=\"ln\"><Apply function=\"/\">" + s + "<Apply function=\"-\">"
                    + constant(1) + s + "</Apply></Apply></Apply>";
            return "<Apply function=\"/\">" + constant(1) + "<Apply function=\"+\">" + constant(1)
                    + "<Apply function=\"exp\"><Apply function=\"*\">" + constant(-1) + "<Apply function=\"+\">"
                    + "<Apply function=\"*\">" + constant(platt.a()) + logit + "</Apply>" + constant(platt.b())
                    + "</Apply></Apply></Apply></Apply></Apply>";
        }
        IsotonicCalibration isotonic = (IsotonicCalibration) calibration;
        double[] s = isotonic.scores();
        double[] p = isotonic.probabilities();
        int n = s.length;
        // IsotonicCalibration.apply: the end values outside the breakpoints; between two breakpoints
        // p_lo + ((score − s_lo) / (s_hi − s_lo)) · (p_hi − p_lo), lo being the last of equal breakpoints.
        StringBuilder inner = new StringBuilder(constant(p[n - 1]));
        for (int i = n - 2; i >= 0; i--) {
            if (s[i] == s[i + 1]) {
                continue;
            }
            String t = "<Apply function=\"/\"><Apply function=\"-\">" + score + constant(s[i]) + "</Apply>"
                    + "<Apply function=\"-\">" + constant(s[i + 1]) + constant(s[i]) + "</Apply></Apply>";
            String value = "<Apply function=\"+\">" + constant(p[i]) + "<Apply function=\"*\">" + t
                    + "<Apply function=\"-\">" + constant(p[i + 1]) + constant(p[i]) + "</Apply></Apply></Apply>";
            inner = new StringBuilder("<Apply function=\"if\"><Apply function=\"lessThan\">" + score
                    + constant(s[i + 1]) + "</Apply>" + value + inner + "</Apply>");
        }
        return "<Apply function=\"if\"><Apply function=\"lessOrEqual\">" + score + constant(s[0]) + "</Apply>"
                + constant(p[0]) + inner + "</Apply>";
    }

    private static String isIn(String field, List<String> levels) {
        if (levels.isEmpty()) {
            return "<False/>";
        }
        StringBuilder sb = new StringBuilder("<SimpleSetPredicate field=\"").append(attr(field))
                .append("\" booleanOperator=\"isIn\"><Array type=\"string\" n=\"").append(levels.size()).append("\">");
        for (int i = 0; i < levels.size(); i++) {
            sb.append(i == 0 ? "" : " ").append('"')
                    .append(text(levels.get(i).replace("\\", "\\\\").replace("\"", "\\\""))).append('"');
        }
        return sb.append("</Array></SimpleSetPredicate>").toString();
    }

    private static String ref(String field) {
        return "<FieldRef field=\"" + attr(field) + "\"/>";
    }

    private static String constant(double v) {
        return "<Constant dataType=\"double\">" + number(v) + "</Constant>";
    }

    /** The shortest decimal that reads back as the same double. */
    private static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("PMML has no number for " + v);
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }
}
