package io.omnijourney.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagesTest {

  @Test
  void theScriptWithMostLettersDecides() {
    assertThat(Languages.of("سلام، سفارشم نرسیده")).isEqualTo("fa");
    assertThat(Languages.of("Здравствуйте, заказ 1001 не пришёл")).isEqualTo("ru");
    assertThat(Languages.of("Hello, order 1001")).isEqualTo("en");
    assertThat(Languages.of("سلام order")).isEqualTo("en");
    assertThat(Languages.of("1001 ?!")).isNull();
    assertThat(Languages.of(null)).isNull();
  }
}
