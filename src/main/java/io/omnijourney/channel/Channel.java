package io.omnijourney.channel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to reach a customer. Its id is the lower-case name used in the API and the BPMN. */
public enum Channel {
  SMS,
  WHATSAPP,
  TELEGRAM,
  VIBER,
  EMAIL,
  PUSH;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }
}
