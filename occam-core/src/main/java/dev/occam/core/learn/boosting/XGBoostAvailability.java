package dev.occam.core.learn.boosting;

import java.util.Locale;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.DMatrix;

/**
 * Whether XGBoost's native library loads in this process: tried once, on first use, and remembered, since
 * a library that failed to load stays unloadable until the JVM restarts. XGBoost extracts the library to
 * one temporary file per process (deleted at exit), so asking again never writes more.
 */
final class XGBoostAvailability {

    /** Loads the native library, or throws what the load threw. */
    interface Loader {
        void load() throws Exception;
    }

    private XGBoostAvailability() {
    }

    /** The initialisation-on-demand holder: the JVM runs the probe once, on the first call, thread-safely. */
    private static final class Once {
        static final Optional<String> REASON = probe(XGBoostAvailability::loadNative);
    }

    /** Why XGBoost cannot run here, or empty when it can. */
    static Optional<String> reason() {
        return Once.REASON;
    }

    /**
     * Runs a load and turns its failure into a reason a user can act on. Catches every linkage error:
     * {@link UnsatisfiedLinkError} (no library for this platform, or a system library it needs is missing),
     * {@link ExceptionInInitializerError} (XGBoost's loader failed in its static initialiser) and
     * {@link NoClassDefFoundError} (a loader that failed before, or the XGBoost jar left off the class path),
     * and any exception, {@code XGBoostError} included.
     */
    static Optional<String> probe(Loader loader) {
        try {
            loader.load();
            return Optional.empty();
        } catch (LinkageError | Exception e) {
            return Optional.of(describe(e));
        }
    }

    private static void loadNative() throws Exception {
        // A one-cell matrix runs XGBoost's static initialiser, which extracts and loads the native library.
        DMatrix probe = new DMatrix(new float[] {0f}, 1, 1, Float.NaN);
        probe.dispose();
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        String platform = System.getProperty("os.name", "?").toLowerCase(Locale.ROOT) + "/"
                + System.getProperty("os.arch", "?");
        return "XGBoost cannot run on this machine (" + platform + "): " + message
                + ". Its native library is bundled for Linux, macOS and Windows on x86-64 and for Linux and macOS"
                + " on aarch64, and needs the OpenMP runtime (on Debian or Ubuntu: apt-get install libgomp1)";
    }
}
