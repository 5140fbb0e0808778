package io.omnijourney.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumbersTest {

  @Test
  void luhnValidRunsOf13To19DigitsKeepTheirLastFourDigits() {
    assertThat(CardNumbers.mask("card 4111111111111111 thanks")).isEqualTo("card **** **** **** 1111 thanks");
    assertThat(CardNumbers.mask("4111 1111 1111 1111")).isEqualTo("**** **** **** 1111");
    assertThat(CardNumbers.mask("5500-0000-0000-0004")).isEqualTo("**** **** **** 0004");
    // 13 digits (old Visa) and 19 digits (Maestro) pass too.
    assertThat(CardNumbers.mask("4222222222222")).isEqualTo("**** **** **** 2222");
    assertThat(CardNumbers.mask("6759649826438453")).isEqualTo("**** **** **** 8453");
  }

  @Test
  void persianDigitsAreDigits() {
    assertThat(CardNumbers.mask("کارت ۴۱۱۱ ۱۱۱۱ ۱۱۱۱ ۱۱۱۱")).isEqualTo("کارت **** **** **** 1111");
  }

  @Test
  void numbersThatFailTheLuhnCheckOrAreTooShortOrLongStay() {
    assertThat(CardNumbers.mask("order 1234567890123")).isEqualTo("order 1234567890123");
    assertThat(CardNumbers.mask("call +989121234567")).isEqualTo("call +989121234567");
    assertThat(CardNumbers.mask("411111111111")).isEqualTo("411111111111");
    assertThat(CardNumbers.mask("41111111111111111111")).isEqualTo("41111111111111111111");
    assertThat(CardNumbers.mask(null)).isNull();
  }
}
