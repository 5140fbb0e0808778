package io.omnijourney.inbox;

/**
 * The language a customer wrote in, for a profile we create from their first message: Persian
 * script is {@code fa} (Arabic script too: Persian is our only right-to-left locale), Cyrillic
 * {@code ru}, Latin {@code en}, whichever has the most letters; null for a text without letters.
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
