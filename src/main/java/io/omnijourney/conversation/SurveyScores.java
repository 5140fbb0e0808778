package io.omnijourney.conversation;

import java.util.OptionalInt;

/**
 * Reads a satisfaction score from a customer's answer: a single digit from 1 to 5, in any script
 * customers type (5, ۵, ٥), alone or with stars and punctuation around it ("5!", "⭐ 4").
 */
final class SurveyScores {

  private SurveyScores() {}

  static OptionalInt of(String text) {
    if (text == null || text.length() > 16) {
      return OptionalInt.empty();
    }
    int score = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isDigit(c)) {
        if (score != -1) {
          return OptionalInt.empty();
        }
        score = Character.getNumericValue(c);
      } else if (Character.isLetter(c)) {
        return OptionalInt.empty();
      }
    }
    return score >= 1 && score <= 5 ? OptionalInt.of(score) : OptionalInt.empty();
  }
}
