package io.omnijourney.customer;

import java.util.Locale;
import java.util.Set;

/**
 * The replies that mean "stop messaging me" on SMS: the carriers' and Twilio's standard English
 * keywords, and their Russian and Persian equivalents. A reply is a stop when it is one of them,
 * whatever the case, spacing or punctuation around it.
 */
public final class OptOutKeywords {

  private static final Set<String> STOP = Set.of(
      "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE",
      "СТОП", "ОТПИСАТЬСЯ", "ОТПИСКА",
      "لغو", "توقف", "لغو11");

  private OptOutKeywords() {}

  public static boolean isStop(String reply) {
    if (reply == null) {
      return false;
    }
    String word = reply.strip().replaceAll("[\\p{Punct}\\s]+", "").toUpperCase(Locale.ROOT)
        .replace('۱', '1');
    return STOP.contains(word);
  }
}
