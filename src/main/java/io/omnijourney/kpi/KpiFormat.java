package io.omnijourney.kpi;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * How the page writes the API's figures in the reader's language: rates as percentages, counts
 * and money with the language's digits, and "–" for a figure that is null.
 */
public final class KpiFormat {

  static final String NONE = "–";

  private final Locale locale;
  private final String currency;

  KpiFormat(Locale locale, String currency) {
    this.locale = locale;
    this.currency = currency;
  }

  public String rate(Double rate) {
    if (rate == null) {
      return NONE;
    }
    NumberFormat percent = NumberFormat.getPercentInstance(locale);
    percent.setMaximumFractionDigits(2);
    return percent.format(rate);
  }

  public String count(Number count) {
    return count == null ? NONE : NumberFormat.getIntegerInstance(locale).format(count);
  }

  public String money(BigDecimal amount) {
    if (amount == null) {
      return NONE;
    }
    NumberFormat number = NumberFormat.getNumberInstance(locale);
    number.setMinimumFractionDigits(2);
    number.setMaximumFractionDigits(4);
    return number.format(amount) + " " + currency;
  }

  public String seconds(Long seconds) {
    return seconds == null ? NONE : count(seconds) + " s";
  }
}
