package io.omnijourney.customer;

/**
 * Changes to the one profile of a customer, from a journey's start, an operator's correction or a
 * provider's message: the profile is created when missing, and a null field leaves the stored value
 * as it is. Phones are E.164 and emails lower case already ({@link ContactFormats}).
 */
public record ProfileChanges(
    String id,
    String phone,
    String email,
    String whatsapp,
    String telegramChatId,
    String viberId,
    String pushToken,
    String locale,
    String timeZone) {

  @Override
  public String toString() {
    return "ProfileChanges[" + id + "]";
  }
}
