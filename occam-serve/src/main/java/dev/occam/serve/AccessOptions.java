package dev.occam.serve;

import java.nio.file.Path;

/**
 * Who may call the service and how.
 *
 * @param tokensFile bearer tokens, one per line ({@link BearerTokens}); null: no authentication
 * @param keystore a PKCS#12 (or JKS) keystore with the server's key and certificate; null: plain HTTP
 * @param keystorePasswordFile a file whose first line is the keystore's password; required with a keystore
 * @param rateLimit requests per second allowed to each client (each token, or each remote address without
 *     tokens), with bursts of up to one second's worth; 0: no limit
 */
public record AccessOptions(Path tokensFile, Path keystore, Path keystorePasswordFile, double rateLimit) {

    /** No authentication, plain HTTP, no rate limit. */
    public static final AccessOptions OPEN = new AccessOptions(null, null, null, 0);

    public AccessOptions {
        if ((keystore == null) != (keystorePasswordFile == null)) {
            throw new IllegalArgumentException("a keystore needs its password file and a password file its keystore;"
                    + " got keystore " + keystore + " and password file " + keystorePasswordFile);
        }
        if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
            throw new IllegalArgumentException("the rate limit must be a finite number of requests per second >= 0,"
                    + " got " + rateLimit);
        }
    }

    /**
     * Reads a rate as the command line gives it: {@code 50/s}, {@code 50}, or {@code 3000/min}.
     *
     * @throws IllegalArgumentException naming the text when it is not such a rate or not positive
     */
    public static double parseRate(String text) {
        String t = text.trim();
        double per = 1;
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("/min")) {
            t = t.substring(0, t.length() - 4);
            per = 60;
        }
        double n;
        try {
            n = Double.parseDouble(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a rate limit is a number of requests per second, as 50/s or "
                    + "3000/min; got '" + text + "'");
        }
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("a rate limit must be positive, got '" + text + "'");
        }
        return n / per;
    }

    public AccessOptions withTokens(Path file) {
        return new AccessOptions(file, keystore, keystorePasswordFile, rateLimit);
    }

    public AccessOptions withKeystore(Path file, Path passwordFile) {
        return new AccessOptions(tokensFile, file, passwordFile, rateLimit);
    }

    public AccessOptions withRateLimit(double perSecond) {
        return new AccessOptions(tokensFile, keystore, keystorePasswordFile, perSecond);
    }
}
