package io.omnijourney.delivery;

/** Why a send did not reach the provider, in the classes of providers.md. */
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

  /** Try again: the job retries along its retry cycle. */
  public static final class Transient extends SendFailure {
    public Transient(String deliveryId, String message) {
      super(deliveryId, message);
    }
  }

  /** Our account or configuration: retries end in an incident that names the provider. */
  public static final class Misconfigured extends SendFailure {
    public Misconfigured(String deliveryId, String message) {
      super(deliveryId, message);
    }
  }
}
