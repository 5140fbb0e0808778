package io.omnijourney.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.channel.kavenegar.KavenegarSettings;
import io.omnijourney.channel.twilio.TwilioSettings;
import io.omnijourney.channel.viber.ViberSettings;
import org.junit.jupiter.api.Test;

/** What every provider's settings share: stripped values, blank as missing, secrets masked. */
class ProviderSettingsTest {

  @Test
  void valuesAreStrippedAndBlankIsMissing() {
    assertThat(ProviderSettings.value("  key \n")).isEqualTo("key");
    assertThat(ProviderSettings.value(" ")).isNull();
    assertThat(ProviderSettings.value(null)).isNull();
    assertThat(ProviderSettings.value("", "https://api.example.com")).isEqualTo("https://api.example.com");
  }

  @Test
  void missingSettingsAreNamedInTheOrderChecked() {
    assertThat(ProviderSettings.missing().unless(" ", "A_KEY").unless("set", "B_KEY").when(true, "C_KEY").list())
        .containsExactly("A_KEY", "C_KEY");
  }

  @Test
  void everyProvidersSettingsReadBlankAsMissing() {
    ViberSettings viber = new ViberSettings(" token ", " ", null);
    assertThat(viber.authToken()).isEqualTo("token");
    assertThat(viber.senderName()).isNull();
    assertThat(viber.baseUrl()).isEqualTo(ViberSettings.DEFAULT_BASE_URL);
    assertThat(new KavenegarSettings("  ", null, null, null).configured()).isFalse();
  }

  @Test
  void settingsPrintSecretsOnlyAsSetOrUnset() {
    assertThat(new KavenegarSettings("k-secret-1", "10004346", null, null).toString())
        .doesNotContain("k-secret-1").contains("apiKey=***", "sender=10004346");
    assertThat(new TwilioSettings("AC1", "t-secret-2", "+15005550006", null, null, null).toString())
        .doesNotContain("t-secret-2").contains("authToken=***", "accountSid=AC1", "publicBaseUrl=null");
    assertThat(new ViberSettings(null, "Omnijourney", null).toString()).contains("authToken=(unset)");
  }

  @Test
  void anIdentityAnswersTheSpiQuestions() {
    ChannelProvider provider = new IdentifiedProvider(ProviderIdentity.of("acme", Channel.SMS, Channel.EMAIL)
        .missingToSend(ProviderSettings.missing().unless(null, "ACME_KEY"))
        .missingForWebhooks(ProviderSettings.missing().when(true, "ACME_WEBHOOK_SECRET"))) {
      @Override
      public SendOutcome send(OutboundMessage message) {
        throw new UnsupportedOperationException();
      }
    };

    assertThat(provider.name()).isEqualTo("acme");
    assertThat(provider.channels()).containsExactlyInAnyOrder(Channel.SMS, Channel.EMAIL);
    assertThat(provider.sender(Channel.SMS)).isEqualTo("default");
    assertThat(provider.missingToSend()).containsExactly("ACME_KEY");
    assertThat(provider.missingSettings()).containsExactly("ACME_KEY", "ACME_WEBHOOK_SECRET");
  }
}
