package io.omnijourney.delivery;

import java.time.Duration;

/** Why a send did not reach the provider, in the classes of docs/providers.md. */
public abstract sealed class SendFailure extends RuntimeException {

  private final String deliveryId;

  SendFailure(String deliveryId, String message) {
    super(message);
    this.deliveryId = deliveryId;
  }

  public String deliveryId() {
    return deliveryId;
  }

  /** Permanent for this recipient on this channel: the journey falls back. */
  public static final class Rejected extends SendFailure {
    public Rejected(String deliveryId, String message) {
      super(deliveryId, message);
    }
  }

  /**
   * Try again: the job retries along its retry cycle, but not before {@code retryAfter} when the
   * provider (or our own rate limit) named a wait. A send our own rate limit held back
   * ({@code throttled}) has not failed, so it does not use up a retry.
   */
  public static final class Transient extends SendFailure {
    private final Duration retryAfter;
    private final boolean throttled;

    public Transient(String deliveryId, String message) {
      this(deliveryId, message, null, false);
    }

    public Transient(String deliveryId, String message, Duration retryAfter, boolean throttled) {
      super(deliveryId, message);
      this.retryAfter = retryAfter;
      this.throttled = throttled;
    }

    public Duration retryAfter() {
      return retryAfter;
    }

    public boolean throttled() {
      return throttled;
    }
  }

  /** Our account or configuration: retries end in an incident that names the provider. */
  public static final class Misconfigured extends SendFailure {
    public Misconfigured(String deliveryId, String message) {
      super(deliveryId, message);
    }
  }
}
