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

  @Override
  public String toString() {
    return "Customer[" + id + "]";
  }
}
