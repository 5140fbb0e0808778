package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves by hand. */
  static class Clock implements TimeMeter {
    long nanos;

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    void pass(Duration duration) {
      nanos += duration.toNanos();
    }
  }

  private final Clock clock = new Clock();
  private final LoginThrottle throttle = new LoginThrottle(10, clock);

  @Test
  void anAddressWithTenFailuresWaitsAndIsBackWithinAMinute() {
    for (int i = 0; i < 10; i++) {
      assertThat(throttle.allows("203.0.113.7")).isTrue();
      throttle.failed("203.0.113.7");
    }

    assertThat(throttle.allows("203.0.113.7")).isFalse();
    assertThat(throttle.allows("198.51.100.9")).isTrue();
    clock.pass(Duration.ofSeconds(6));
    assertThat(throttle.allows("203.0.113.7")).isTrue();
    throttle.failed("203.0.113.7");
    assertThat(throttle.allows("203.0.113.7")).isFalse();
    clock.pass(Duration.ofMinutes(1));
    assertThat(throttle.allows("203.0.113.7")).isTrue();
  }
}
