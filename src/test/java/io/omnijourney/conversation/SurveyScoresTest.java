package io.omnijourney.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurveyScoresTest {

  @Test
  void aSingleDigitFromOneToFiveInAnyScriptIsAScore() {
    assertThat(SurveyScores.of("5")).hasValue(5);
    assertThat(SurveyScores.of(" 4! ")).hasValue(4);
    assertThat(SurveyScores.of("⭐ 3")).hasValue(3);
    assertThat(SurveyScores.of("۵")).hasValue(5);
    assertThat(SurveyScores.of("٢")).hasValue(2);
  }

  @Test
  void anythingElseIsNot() {
    assertThat(SurveyScores.of("6")).isEmpty();
    assertThat(SurveyScores.of("0")).isEmpty();
    assertThat(SurveyScores.of("45")).isEmpty();
    assertThat(SurveyScores.of("order 5")).isEmpty();
    assertThat(SurveyScores.of("")).isEmpty();
    assertThat(SurveyScores.of(null)).isEmpty();
  }
}
