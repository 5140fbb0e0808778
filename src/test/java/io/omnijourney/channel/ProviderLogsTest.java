package io.omnijourney.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.omnijourney.channel.kavenegar.KavenegarProvider;
import io.omnijourney.channel.kavenegar.KavenegarSettings;
import io.omnijourney.channel.smsru.SmsRuProvider;
import io.omnijourney.channel.smsru.SmsRuSettings;
import io.omnijourney.channel.telegram.TelegramProvider;
import io.omnijourney.channel.telegram.TelegramSettings;
import io.omnijourney.channel.twilio.TwilioSettings;
import io.omnijourney.channel.twilio.TwilioSmsProvider;
import io.omnijourney.channel.viber.ViberProvider;
import io.omnijourney.channel.viber.ViberSettings;
import io.omnijourney.channel.whatsapp.WhatsAppProvider;
import io.omnijourney.channel.whatsapp.WhatsAppSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

/**
 * No phone number, token or API key in anything a provider hands back to be logged: the reasons of
 * refusals (they become ledger errors, job exceptions and Cockpit incidents) and the messages of
 * calls without an answer, for every provider, with error bodies that quote the number as real
 * providers do, and with the connection dropped after the request went out.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProviderLogsTest {

  private static final Logger log = LoggerFactory.getLogger(ProviderLogsTest.class);
  private static final String PHONE = "+989121234567";
  private static final String DIGITS = "9121234567";
  private static final String CHAT = "5512345678";
  private static final String SECRET = "s3cr3t-t0ken-4242";
  private static final String ERROR_BODY = """
      {"code": 21211, "message": "The 'To' number %1$s is not a valid phone number.", "status": 400,
       "return": {"status": 411, "message": "receptor %1$s invalid"}, "status_code": 202,
       "status_text": "bad number %1$s", "ok": false, "error_code": 400,
       "description": "Bad Request: chat %2$s not found",
       "error": {"code": 100, "message": "Invalid parameter %1$s", "error_data": {"details": "to %1$s"}}}
      """.formatted(PHONE, CHAT);

  @RegisterExtension
  static final WireMockExtension api = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

  @Test
  void refusalsAndLostAnswersOfEveryProviderHoldNoContactDataAndNoSecret(CapturedOutput output) {
    List<String> printed = new ArrayList<>();
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody(ERROR_BODY)));
    sendEverywhere(printed);
    api.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    sendEverywhere(printed);
    printed.forEach(line -> log.warn("{}", line));

    assertThat(printed).hasSize(12);
    assertThat(printed).allSatisfy(line -> assertThat(line)
        .doesNotContain(DIGITS).doesNotContain(CHAT).doesNotContain(SECRET));
    assertThat(output.getAll()).doesNotContain(DIGITS).doesNotContain(CHAT).doesNotContain(SECRET);
  }

  private void sendEverywhere(List<String> printed) {
    String url = api.baseUrl();
    Map<ChannelProvider, OutboundMessage> sends = Map.of(
        new TwilioSmsProvider(RestClient.builder(), new TwilioSettings("AC" + SECRET, SECRET, "+15005550006", null, url,
            "https://journeys.example.com")), sms(),
        new SmsRuProvider(RestClient.builder(), new SmsRuSettings(SECRET, null, url)), sms(),
        new KavenegarProvider(new KavenegarSettings(SECRET, "10004346", url, null), RestClient.builder()), sms(),
        new WhatsAppProvider(new WhatsAppSettings(SECRET, "1234567890", "app", "verify", "v21.0", url),
            RestClient.builder()), new OutboundMessage("d-1", Channel.WHATSAPP, PHONE, null, "Hello", null),
        new TelegramProvider(new TelegramSettings("123456:" + SECRET, "hook", url), RestClient.builder()),
        new OutboundMessage("d-1", Channel.TELEGRAM, CHAT, null, "Hello", null),
        new ViberProvider(new ViberSettings(SECRET, "Omnijourney", url), RestClient.builder(), new ObjectMapper()),
        new OutboundMessage("d-1", Channel.VIBER, CHAT, null, "Hello", null));
    sends.forEach((provider, message) -> {
      try {
        printed.add(provider.name() + ": " + provider.send(message));
      } catch (RuntimeException noAnswer) {
        printed.add(provider.name() + ": " + noAnswer);
      }
    });
  }

  private static OutboundMessage sms() {
    return new OutboundMessage("d-1", Channel.SMS, PHONE, null, "Hello", null);
  }
}
