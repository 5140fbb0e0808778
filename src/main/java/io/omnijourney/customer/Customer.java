package io.omnijourney.customer;

import io.omnijourney.channel.Channel;

/** The one profile of a customer: how to reach them on each channel, and in which language. */
public record Customer(
    String id,
    String phone,
    String email,
    String whatsapp,
    String telegramChatId,
    String viberId,
    String pushToken,
    String locale,
    String timeZone) {

  /** The address for a channel, or null when the customer has none there. WhatsApp falls back to the phone. */
  public String addressOn(Channel channel) {
    return switch (channel) {
      case SMS -> phone;
      case WHATSAPP -> whatsapp != null ? whatsapp : phone;
      case TELEGRAM -> telegramChatId;
      case VIBER -> viberId;
      case EMAIL -> email;
      case PUSH -> pushToken;
    };
  }

  /** Fields set in {@code update} replace ours; fields it leaves null are kept. */
  public Customer mergedWith(Customer update) {
    return new Customer(
        id,
        pick(update.phone, phone),
        pick(update.email, email),
        pick(update.whatsapp, whatsapp),
        pick(update.telegramChatId, telegramChatId),
        pick(update.viberId, viberId),
        pick(update.pushToken, pushToken),
        pick(update.locale, locale),
        pick(update.timeZone, timeZone));
  }

  private static String pick(String preferred, String fallback) {
    return preferred != null ? preferred : fallback;
  }

  @Override
  public String toString() {
    return "Customer[" + id + "]";
  }
}
