package io.omnijourney.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted per client address. An address that failed too often in the last minute
 * is refused before its password is checked, and may try again as its allowance refills. The
 * count is per address and not per user, so a stranger guessing a user's password slows down
 * himself and never locks the user out; Camunda's own per-user lock is off for that reason.
 */
@Component
class LoginThrottle {

  private final int failuresPerMinute;
  private final TimeMeter clock;
  private final Cache<String, Bucket> failures = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterAccess(Duration.ofMinutes(10))
      .build();

  @Autowired
  LoginThrottle(SecuritySettings settings) {
    this(settings.loginFailuresPerMinute(), TimeMeter.SYSTEM_MILLISECONDS);
  }

  LoginThrottle(int failuresPerMinute, TimeMeter clock) {
    this.failuresPerMinute = failuresPerMinute;
    this.clock = clock;
  }

  /** Whether this address may try a password now. */
  boolean allows(String address) {
    Bucket bucket = failures.getIfPresent(key(address));
    return bucket == null || bucket.getAvailableTokens() > 0;
  }

  /** Counts a wrong password from this address. */
  void failed(String address) {
    failures.get(key(address), a -> newBucket()).tryConsume(1);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder()
            .capacity(failuresPerMinute)
            .refillGreedy(failuresPerMinute, Duration.ofMinutes(1))
            .build())
        .withCustomTimePrecision(clock)
        .build();
  }

  private static String key(String address) {
    return address == null ? "" : address;
  }
}
