package io.omnijourney.channel.kavenegar;

import io.omnijourney.delivery.DeliveryStatus;

/**
 * Kavenegar's message statuses ({@code sms/status.json}) in our ledger's terms. Queued (1) and
 * scheduled (2) add nothing to "accepted"; 100 means Kavenegar does not know the id, or no longer
 * does: it keeps statuses for 48 hours only.
 */
final class KavenegarStatuses {

  private KavenegarStatuses() {}

  /** The ledger status a Kavenegar status stands for, or null when it changes nothing. */
  static DeliveryStatus toDelivery(int status) {
    return switch (status) {
      // 4 and 5: handed to the telecom operator.
      case 4, 5 -> DeliveryStatus.SENT;
      case 10 -> DeliveryStatus.DELIVERED;
      // 6: Kavenegar could not send it. 13: cancelled before it went out (the credit is returned).
      case 6, 13 -> DeliveryStatus.FAILED;
      // 11: the operator could not deliver it. 14: blocked by the recipient's operator blacklist
      // (the credit is returned); it never reaches the phone.
      case 11, 14 -> DeliveryStatus.UNDELIVERED;
      default -> null;
    };
  }
}
