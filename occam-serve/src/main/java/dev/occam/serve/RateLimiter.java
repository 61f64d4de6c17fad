package dev.occam.serve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: each holds up to {@code rate} tokens (one second's worth, at least 1), refills at
 * {@code rate} per second, and a request takes one. A client whose bucket is empty is told how long until a
 * token is back (the {@code Retry-After} of a 429). Buckets of clients idle long enough to be full again are
 * dropped when there are many, so the map stays bounded by the clients active in the last second or so.
 */
final class RateLimiter {

    /** Past this many buckets, full ones (idle clients) are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final double rate;
    private final double capacity;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when the rate is not positive */
    RateLimiter(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be positive and finite: " + perSecond);
        }
        this.rate = perSecond;
        this.capacity = Math.max(1, perSecond);
    }

    /**
     * Takes a token for the client at time {@code nowNanos}.
     *
     * @return 0 when the request may go ahead, else the nanoseconds until the client's next token
     */
    long acquire(String client, long nowNanos) {
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(b -> b.fullAt(nowNanos));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(capacity, nowNanos)).take(nowNanos);
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate * 1e9));
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
                last = now;
            }
        }
    }
}
