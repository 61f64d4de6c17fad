package dev.occam.cli;

import dev.occam.serve.AccessOptions;
import dev.occam.serve.DecisionLogOptions;
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

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = {"Serves every model under DIR over HTTP (JSON): DIR/<name>/model.json or "
        + "DIR/<name>/versions/<n>/model.json; new versions are picked up while it runs. See docs/serve.md."})
final class ServeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the folder of models, one sub-folder per model name")
    Path dir;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on (0: any free one); default ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind; default ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--strict", description = "refuse (400) a row outside the training range, with an unseen category or with a field the model does not read, instead of flagging it or listing the field as ignored")
    boolean strict;

    @Option(names = "--tokens", paramLabel = "FILE", description = "bearer tokens that may call, one per line ('name: token'); read again when the file changes; /health stays open")
    Path tokens;

    @Option(names = "--keystore", paramLabel = "FILE", description = "serve HTTPS with this PKCS#12 (or JKS) keystore")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE", description = "the keystore's password, on the file's first line")
    Path keystorePassword;

    @Option(names = "--rate-limit", paramLabel = "N/s", description = "requests per second per client (per token, or per remote address), e.g. 50/s; over it: 429 with Retry-After")
    String rateLimit;

    @Option(names = "--decision-log", paramLabel = "FILE", description = "append every decision to FILE as JSON lines")
    Path decisionLog;

    @Option(names = "--log-inputs", paramLabel = "full|digest", defaultValue = "full", description = "what the decision log keeps of each row: the row as sent (full) or its SHA-256 (digest); default ${DEFAULT-VALUE}")
    String logInputs;

    @Option(names = "--decision-log-max-mb", paramLabel = "MB", defaultValue = "100", description = "rotate the decision log to FILE.1, FILE.2, ... past this size; default ${DEFAULT-VALUE}")
    long decisionLogMaxMb;

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
        if (keystore != null && keystorePassword == null || keystore == null && keystorePassword != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--keystore and --keystore-password-file go together");
        }
        AccessOptions access = AccessOptions.OPEN.withTokens(tokens).withKeystore(keystore, keystorePassword);
        if (rateLimit != null) {
            try {
                access = access.withRateLimit(AccessOptions.parseRate(rateLimit));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate-limit: " + e.getMessage());
            }
        }
        options = options.withAccess(access);
        if (decisionLog != null) {
            if (decisionLogMaxMb < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--decision-log-max-mb must be at least 1, got " + decisionLogMaxMb);
            }
            try {
                options = options.withDecisionLog(DecisionLogOptions.of(decisionLog)
                        .withFullInputs(DecisionLogOptions.parseInputs(logInputs)).withMaxBytes(decisionLogMaxMb << 20));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
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
        err.println("occam serve: " + server.modelNames().size() + " model(s) " + server.modelNames() + " on "
                + server.scheme() + "://"
                + host + ":" + server.port() + " (GET /openapi.json describes the API)");
        err.flush();
        stopped.await();
        return OccamCommand.OK;
    }
}
