package io.omnijourney.journey;

import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.customer.OptOutKeywords;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The business event a customer's reply is when it is one of the answers a message can ask for:
 * yes (1), no (2), or stop (an opt-out keyword, {@link OptOutKeywords}). As with the opt-out keywords the whole
 * reply must be the answer, whatever its case, spacing or punctuation: "2" or "No!" is a no, "no
 * idea, where is the clinic?" is a question for the support team, not an answer.
 *
 * <p>"Cancel" (and the Persian لغو) is not a no: carriers and Twilio take it as an opt-out from SMS,
 * so it is a stop, and a message asking for an answer asks for 1 or 2.
 */
final class ReplyAnswers {

  private static final Set<String> YES = Set.of(
      "1", "YES", "Y", "OK", "OKAY", "CONFIRM", "CONFIRMED",
      "ДА", "ОК", "ПОДТВЕРЖДАЮ", "ПРИДУ",
      "بله", "آره", "باشه", "تایید", "تأیید", "میام", "میآیم");
  private static final Set<String> NO = Set.of(
      "2", "NO", "N",
      "НЕТ", "ОТМЕНА", "ОТМЕНИТЬ", "НЕПРИДУ",
      "خیر", "نه", "نمیام", "نمیآیم", "کنسل");

  private ReplyAnswers() {}

  /**
   * {@link Events#CUSTOMER_CONFIRMED}, {@link Events#CUSTOMER_DECLINED} or {@link
   * Events#CUSTOMER_OPTED_OUT}; empty for anything else.
   */
  static Optional<String> of(String reply) {
    if (reply == null) {
      return Optional.empty();
    }
    if (OptOutKeywords.isStop(reply)) {
      return Optional.of(Events.CUSTOMER_OPTED_OUT);
    }
    // Persian and Arabic-Indic digits count as the digits they are; the zero-width non-joiner of
    // "نمی‌آیم" is spacing.
    String word = reply.replaceAll("[\\p{Punct}\\s\u200c\u061f\u060c]+", "").toUpperCase(Locale.ROOT)
        .replace('۱', '1').replace('١', '1').replace('۲', '2').replace('٢', '2');
    if (YES.contains(word)) {
      return Optional.of(Events.CUSTOMER_CONFIRMED);
    }
    return NO.contains(word) ? Optional.of(Events.CUSTOMER_DECLINED) : Optional.empty();
  }
}
