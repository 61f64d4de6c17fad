package dev.occam.cli;

import dev.occam.serve.OccamServer;
import dev.occam.serve.ServeOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = {"Serves every model under DIR over HTTP (JSON): DIR/<name>/model.json or "
        + "DIR/<name>/versions/<n>/model.json; new versions are picked up while it runs. See docs/serve.md."})
final class ServeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the folder of models, one sub-folder per model name")
    Path dir;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on (0: any free one); default ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind; default ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--strict", description = "refuse (400) a row outside the training range or with an unseen category, instead of flagging it")
    boolean strict;

    @Option(names = "--threads", description = "threads answering requests; default two per core, at least 4")
    Integer threads;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ServeOptions options = ServeOptions.defaults(dir, host, port).withStrict(strict);
        if (threads != null) {
            options = options.withThreads(threads);
        }
        OccamServer server = OccamServer.start(options, line -> {
            err.println("occam serve: " + line);
            err.flush();
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "occam-serve-shutdown"));
        err.println("occam serve: " + server.modelNames().size() + " model(s) " + server.modelNames() + " on http://"
                + host + ":" + server.port() + " (GET /openapi.json describes the API)");
        err.flush();
        stopped.await();
        return OccamCommand.OK;
    }
}
