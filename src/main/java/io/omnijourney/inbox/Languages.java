package io.omnijourney.inbox;

/**
 * The language a customer wrote in, for a profile we create from their first message: Persian
 * script is {@code fa}, Cyrillic {@code ru}, anything else {@code en}. Persian and Arabic share
 * most letters; the letters only Persian has (پ چ ژ گ) or the Persian forms (ی ک) decide when
 * present, and Arabic script without them is still taken as Persian, our only right-to-left locale.
 */
final class Languages {

  private Languages() {}

  static String of(String text) {
    if (text == null) {
      return null;
    }
    int arabicScript = 0;
    int cyrillic = 0;
    int latin = 0;
    for (int i = 0; i < text.length(); i++) {
      Character.UnicodeScript script = Character.UnicodeScript.of(text.charAt(i));
      switch (script) {
        case ARABIC -> arabicScript++;
        case CYRILLIC -> cyrillic++;
        case LATIN -> latin++;
        default -> { }
      }
    }
    if (arabicScript == 0 && cyrillic == 0 && latin == 0) {
      return null;
    }
    if (arabicScript >= cyrillic && arabicScript >= latin) {
      return "fa";
    }
    return cyrillic >= latin ? "ru" : "en";
  }
}
