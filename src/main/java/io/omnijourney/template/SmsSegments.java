package io.omnijourney.template;

/**
 * Counts the parts an SMS is billed as. GSM-7 carries 160 characters in one part and 153 per part
 * when split (characters of the extension table take two); anything outside GSM-7, which Persian and
 * Russian always are, goes as UCS-2: 70 characters, or 67 per part.
 */
public final class SmsSegments {

  private static final String GSM7_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";

  private SmsSegments() {}

  public static int count(String text) {
    if (text == null || text.isEmpty()) {
      return 1;
    }
    int septets = gsm7Septets(text);
    if (septets >= 0) {
      return septets <= 160 ? 1 : (septets + 152) / 153;
    }
    // UCS-2 counts UTF-16 code units: a character outside the BMP takes two.
    int units = text.length();
    return units <= 70 ? 1 : (units + 66) / 67;
  }

  /** The GSM-7 length in septets, or -1 when the text needs UCS-2. */
  private static int gsm7Septets(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GSM7_BASIC.indexOf(c) >= 0) {
        septets++;
      } else if (GSM7_EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        return -1;
      }
    }
    return septets;
  }
}
