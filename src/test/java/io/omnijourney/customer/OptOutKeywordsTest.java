package io.omnijourney.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutKeywordsTest {

  @ParameterizedTest
  @ValueSource(strings = {"STOP", "stop", " Stop. ", "UNSUBSCRIBE", "stopall", "СТОП", "стоп!", "لغو", "لغو ۱۱", "توقف"})
  void standardStopRepliesInEveryLanguageAreStops(String reply) {
    assertThat(OptOutKeywords.isStop(reply)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Please stop by tomorrow", "stopwatch", "", "Спасибо", "سلام"})
  void ordinaryRepliesAreNot(String reply) {
    assertThat(OptOutKeywords.isStop(reply)).isFalse();
  }

  @Test
  void noReplyIsNoStop() {
    assertThat(OptOutKeywords.isStop(null)).isFalse();
  }
}
