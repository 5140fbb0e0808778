package io.omnijourney.channel;

/**
 * One message for a provider to send.
 *
 * @param reference our delivery id; providers that accept a client reference get it, so a lost
 *     answer can be looked up instead of sending twice
 * @param subject only for email
 * @param html only for email; may be null
 * @param unsubscribeUrl only for email: the customer's signed unsubscribe link, which mail clients
 *     offer as a one-click unsubscribe (RFC 8058); may be null
 */
public record OutboundMessage(
    String reference, Channel channel, String recipient, String subject, String text, String html,
    String unsubscribeUrl) {

  public OutboundMessage(String reference, Channel channel, String recipient, String subject, String text, String html) {
    this(reference, channel, recipient, subject, text, html, null);
  }

  @Override
  public String toString() {
    return "OutboundMessage[" + reference + ", " + channel.id() + " to " + Mask.recipient(recipient) + "]";
  }
}
