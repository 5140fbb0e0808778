package io.omnijourney.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

  @Test
  void phoneNumbersKeepOnlyTheCountryCodeAndTheLastTwoDigits() {
    assertThat(Mask.recipient("+989121234567")).isEqualTo("+98********67").doesNotContain("9121234");
  }

  @Test
  void numbersQuotedInAProvidersErrorTextAreMaskedAndCodesKept() {
    assertThat(Mask.numbersIn("Invalid parameter +989121234567 (code 131026), chat 5512345678"))
        .isEqualTo("Invalid parameter *** (code 131026), chat ***");
  }

  @Test
  void emailsKeepOnlyTheFirstLetterAndTheDomain() {
    assertThat(Mask.recipient("sara@example.com")).isEqualTo("s***@example.com");
  }

  @Test
  void secretsShowOnlyWhetherTheyAreSet() {
    assertThat(Mask.secret("sk_live_123")).isEqualTo("***");
    assertThat(Mask.secret(null)).isEqualTo("(unset)");
  }

  @Test
  void outboundMessagesPrintMasked() {
    var message = new OutboundMessage("d-1", Channel.SMS, "+989121234567", null, "your code is 1234", null);
    assertThat(message.toString()).doesNotContain("9121234567").doesNotContain("1234\"").contains("+98");
  }
}
