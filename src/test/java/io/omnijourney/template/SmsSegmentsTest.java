package io.omnijourney.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

  @Test
  void a160CharacterGsm7MessageIsOnePart() {
    assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
  }

  @Test
  void gsm7SplitsIn153CharacterParts() {
    assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
  }

  @Test
  void extensionCharactersTakeTwoSeptets() {
    assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
    assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
  }

  @Test
  void a71CharacterPersianMessageIsTwoParts() {
    String persian = "سلام! سفارش شما ثبت شد. برای پیگیری به حساب کاربری خود مراجعه کنید لطفا";
    assertThat(persian).hasSize(71);
    assertThat(SmsSegments.count(persian)).isEqualTo(2);
  }

  @Test
  void ucs2CarriesSeventyCharactersOrSixtySevenPerPart() {
    assertThat(SmsSegments.count("ж".repeat(70))).isEqualTo(1);
    assertThat(SmsSegments.count("ж".repeat(134))).isEqualTo(2);
    assertThat(SmsSegments.count("ж".repeat(135))).isEqualTo(3);
  }

  @Test
  void oneCharacterOutsideGsm7MakesTheWholeMessageUcs2() {
    assertThat(SmsSegments.count("a".repeat(69) + "ж")).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(70) + "ж")).isEqualTo(2);
  }
}
