package dev.occam.cli;

import dev.occam.export.ModelExport;
import dev.occam.runtime.Model;
import dev.occam.runtime.Occam;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", description = {
    "Writes a fitted model in a format other tools score, with its preparation, calibration and threshold inside:",
    "PMML 4.4 for logistic, linear, lasso, scorecard and decision tree models; ONNX for logistic, linear, lasso,"
            + " decision tree, random forest and boosting models (two classes or a number)."})
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.json written by 'occam fit'")
    Path model;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "pmml or onnx")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the file to write")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelExport.Format chosen = ModelExport.Format.parse(format);
        Model fitted = Occam.load(model);
        ModelExport.write(fitted, chosen, out, dev.occam.core.card.Versions.occam());
        spec.commandLine().getOut().println("wrote " + out + " (" + chosen.word() + ", the " + fitted.family()
                + " model of " + fitted.target().name() + ")");
        spec.commandLine().getOut().flush();
        return OccamCommand.OK;
    }
}
