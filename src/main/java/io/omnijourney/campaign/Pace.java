package io.omnijourney.campaign;

import java.time.Duration;
import java.time.Instant;

/**
 * How a rate per second becomes batches: one batch of up to {@code maxBatch} starts an interval, so
 * that a batch a second is the rate itself (50 a second: 50 every second; 0.5 a second: 1 every two
 * seconds; 500 a second with batches of 100: 100 every 200 ms).
 */
record Pace(int batchSize, Duration interval) {

  static Pace of(double ratePerSecond, int maxBatch) {
    int size = (int) Math.max(1, Math.min(maxBatch, Math.floor(ratePerSecond)));
    return new Pace(size, Duration.ofNanos(Math.round(size * 1_000_000_000d / ratePerSecond)));
  }

  /**
   * When the batch after one planned for {@code planned} is due: an interval later, so a batch that
   * ran late does not slow the campaign down. One that has fallen more than an interval behind (the
   * node died and another took its job over after the lock expired) goes on an interval after now,
   * as if it had just started, instead of catching up in a burst.
   */
  Instant next(Instant planned, Instant now) {
    Instant next = planned.plus(interval);
    return next.isBefore(now.minus(interval)) ? now.plus(interval) : next;
  }
}
