package io.omnijourney.inbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks payment card numbers in what customers and operators write, before it is stored or shown:
 * a run of 13 to 19 digits, optionally grouped by spaces or dashes, that passes the Luhn check
 * keeps its last four digits only ({@code **** **** **** 1111}). Persian and Arabic-Indic digits
 * count as digits, as customers type them. Runs that fail the Luhn check (order numbers, phone
 * numbers) are left as they are.
 */
public final class CardNumbers {

  /** Digits, each optionally followed by one space or dash, 13 to 19 digits in all. */
  private static final Pattern CANDIDATE = Pattern.compile(
      "(?<![\\p{Nd}])\\p{Nd}(?:[ \\-]?\\p{Nd}){12,18}(?![\\p{Nd}])");
  private static final int MIN_DIGITS = 13;

  private CardNumbers() {}

  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher matcher = CANDIDATE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String run = matcher.group();
      String digits = digitsOf(run);
      matcher.appendReplacement(out, Matcher.quoteReplacement(
          digits.length() >= MIN_DIGITS && luhn(digits) ? masked(digits) : run));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String digitsOf(String run) {
    StringBuilder digits = new StringBuilder(run.length());
    run.codePoints().filter(Character::isDigit).forEach(c -> digits.append(Character.getNumericValue(c)));
    return digits.toString();
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (twice) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static String masked(String digits) {
    return "**** **** **** " + digits.substring(digits.length() - 4);
  }
}
