package io.omnijourney.channel;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A way to reach a customer. Its id is the lower-case name used in the API and the BPMN. */
public enum Channel {
  SMS,
  WHATSAPP,
  TELEGRAM,
  VIBER,
  EMAIL,
  PUSH;

  /**
   * Whether providers report delivery on this channel. Telegram and FCM do not: for them "accepted"
   * is the strongest signal, and a journey does not wait for more.
   */
  public boolean reportsDelivery() {
    return this != TELEGRAM && this != PUSH;
  }

  /**
   * Whether this channel can report that the customer read the message: WhatsApp and Viber send
   * read receipts, and an email's open is seen by the pixel it carries. SMS, Telegram and push cannot:
   * a journey that waits for "read" there only ever times out.
   */
  public boolean reportsRead() {
    return this == WHATSAPP || this == VIBER || this == EMAIL;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * Channels written as ids separated by commas or spaces ("sms, whatsapp"), in order.
   *
   * @throws IllegalArgumentException naming an id that is not a channel
   */
  public static List<Channel> listOf(String ids) {
    if (ids == null || ids.isBlank()) {
      return List.of();
    }
    return Arrays.stream(ids.strip().split("[,\\s]+"))
        .map(id -> fromId(id.toLowerCase(Locale.ROOT)).orElseThrow(() -> new IllegalArgumentException(
            "'" + id + "' is not a channel; channels are sms, whatsapp, telegram, viber, email, push")))
        .toList();
  }

  /** The ids, comma-separated: the form {@link #listOf} reads. */
  public static String idsOf(Collection<Channel> channels) {
    return channels.stream().map(Channel::id).collect(Collectors.joining(","));
  }
}
