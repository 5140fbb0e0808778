package io.omnijourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.bpmn.Bpmn.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyAnswersTest {

  @ParameterizedTest
  @ValueSource(strings = {"1", " 1. ", "۱", "١", "yes", "Yes!", "OK", "confirm", "Да", "да.", "подтверждаю", "Приду",
      "بله", "آره", "تأیید", "می\u200cآیم"})
  void aOneOrAYesInEveryLanguageIsYes(String reply) {
    assertThat(ReplyAnswers.of(reply)).contains(Events.CUSTOMER_CONFIRMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "۲", "٢", "no", "No!", "Нет", "отмена", "Не приду", "خیر", "نه", "نمی\u200cآیم", "کنسل"})
  void aTwoOrANoInEveryLanguageIsNo(String reply) {
    assertThat(ReplyAnswers.of(reply)).contains(Events.CUSTOMER_DECLINED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"STOP", "СТОП", "لغو", "cancel"})
  void anOptOutKeywordIsStopEvenWhereItReadsLikeANo(String reply) {
    assertThat(ReplyAnswers.of(reply)).contains(Events.CUSTOMER_OPTED_OUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Where is the clinic?", "12", "yes, but can I come at 11?", "no idea", "3", "", "Спасибо"})
  void anythingElseIsNoAnswer(String reply) {
    assertThat(ReplyAnswers.of(reply)).isEmpty();
  }

  @Test
  void noReplyIsNoAnswer() {
    assertThat(ReplyAnswers.of(null)).isEmpty();
  }
}
