package live.blossom.sale.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Token buckets per user or client address, held in a bounded cache: memory stays fixed however
 * many distinct callers arrive (the least recently seen are forgotten, which only ever forgives).
 */
public final class RateLimiter {

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final double perSecond;
    private final double burst;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(double perSecond, double burst, long maxEntries) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = Caffeine.newBuilder().maximumSize(maxEntries)
                .expireAfterAccess(Duration.ofSeconds((long) Math.ceil(burst / perSecond) + 1)).build();
    }

    /** Seconds the caller should wait: 0 when the attempt is allowed (and counted). */
    public long tryAcquire(String key) {
        long now = System.nanoTime();
        Bucket bucket = buckets.get(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            double refill = (now - bucket.refilledAt) / 1e9 * perSecond;
            bucket.tokens = Math.min(burst, bucket.tokens + refill);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }
}
