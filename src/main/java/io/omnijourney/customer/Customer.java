package io.omnijourney.customer;

import io.omnijourney.channel.Channel;

/**
 * The one profile of a customer: how to reach them on each channel, in which language, and the
 * name they are addressed by.
 */
public record Customer(
    String id,
    String phone,
    String email,
    String whatsapp,
    String telegramChatId,
    String viberId,
    String pushToken,
    String locale,
    String timeZone,
    String name) {

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

  /** {@link #addressOn} in SQL, over the {@code customer} table as {@code c}. */
  static String addressColumn(Channel channel) {
    return switch (channel) {
      case SMS -> "c.phone";
      case WHATSAPP -> "COALESCE(c.whatsapp, c.phone)";
      case TELEGRAM -> "c.telegram_chat_id";
      case VIBER -> "c.viber_id";
      case EMAIL -> "c.email";
      case PUSH -> "c.push_token";
    };
  }

  @Override
  public String toString() {
    return "Customer[" + id + "]";
  }
}
