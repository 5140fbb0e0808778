package io.omnijourney.channel.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.omnijourney.channel.Channel;
import io.omnijourney.support.ThroughChannelProviders;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.client.RestClient;

/** The Twilio client against WireMock playing Twilio's Messages API, with Twilio's own answer shapes. */
class TwilioSmsProviderTest {

  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "twilio-test-token";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final String TO = "+14155550100";
  private static final String TEXT = "سفارش ۱۰۰۱ شما ثبت شد.";

  @RegisterExtension
  static final WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void acceptedMessageAnswersTwiliosSidAndSendsTheFormTwilioExpects() {
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"account_sid": "%s", "api_version": "2010-04-01", "body": "...",
             "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": null, "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000",
             "direction": "outbound-api", "error_code": null, "error_message": null, "from": "+15005550006",
             "messaging_service_sid": null, "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD",
             "sid": "SM1f0e8ae6ade43cb3c0ce4525424e404f", "status": "queued",
             "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/SM1f0e8ae6ade43cb3c0ce4525424e404f/Media.json"},
             "to": "%s", "uri": "/2010-04-01/Accounts/%s/Messages/SM1f0e8ae6ade43cb3c0ce4525424e404f.json"}
            """.formatted(ACCOUNT, ACCOUNT, TO, ACCOUNT))));

    SendOutcome outcome = provider(settings("+15005550006", null)).send(sms());

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted("SM1f0e8ae6ade43cb3c0ce4525424e404f"));
    LoggedRequest request = onlyRequest();
    assertThat(request.getHeader("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "To", TO,
        "From", "+15005550006",
        "Body", TEXT,
        "StatusCallback", "https://journeys.example.com/webhooks/twilio"));
  }

  @Test
  void aMessagingServicePicksTheSenderInsteadOfFrom() {
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"sid\": \"SMaaaabbbbccccddddeeeeffff00001111\", \"status\": \"accepted\","
            + " \"messaging_service_sid\": \"MG0123456789abcdef0123456789abcdef\"}")));
    TwilioSmsProvider provider = provider(settings("+15005550006", "MG0123456789abcdef0123456789abcdef"));

    assertThat(provider.send(sms())).isEqualTo(new SendOutcome.Accepted("SMaaaabbbbccccddddeeeeffff00001111"));
    assertThat(form(onlyRequest())).containsEntry("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef")
        .doesNotContainKey("From");
    assertThat(provider.sender(Channel.SMS)).isEqualTo("MG0123456789abcdef0123456789abcdef");
  }

  @Test
  void anUnsubscribedRecipientIsPermanentAndRecordsTheOptOut() {
    refuse(400, 21610, "Attempt to send to unsubscribed recipient");

    SendOutcome outcome = send();

    assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo("21610");
      assertThat(permanent.block()).isEqualTo(Block.OPTED_OUT);
      assertThat(permanent.reason()).contains("https://www.twilio.com/docs/errors/21610");
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "21211, The 'To' number +14155550100 is not a valid phone number.",
      "21614, 'To' number +14155550100 is not a valid mobile number",
      "30006, Landline or unreachable carrier"})
  void anAddressThatCannotTakeSmsIsPermanentAndMarkedUnreachable(int code, String twilioMessage) {
    refuse(400, code, twilioMessage);

    SendOutcome outcome = send();

    assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo(String.valueOf(code));
      assertThat(permanent.block()).isEqualTo(Block.UNREACHABLE);
      // Twilio's message quotes the number; ours goes to the ledger and to Cockpit, so it must not.
      assertThat(permanent.reason()).doesNotContain("4155550100");
    });
  }

  @Test
  void tooManyRequestsIsTransientAndHonoursRetryAfter() {
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withHeader("Retry-After", "7")
        .withBody(error(429, 20429, "Too Many Requests"))));

    SendOutcome outcome = send();

    assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Transient.class, later -> {
      assertThat(later.code()).isEqualTo("20429");
      assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    });
  }

  @Test
  void aServerErrorWithoutTwilioJsonIsTransient() {
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>")));

    assertThat(send()).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.code()).isEqualTo("http-503"));
  }

  @Test
  void refusedCredentialsAreAConfigurationProblem() {
    refuse(401, 20003, "Authenticate");

    assertThat(send()).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("20003"));
  }

  @Test
  void anotherRefusalOfTheRequestIsAConfigurationProblem() {
    refuse(400, 21212, "The 'From' number +15005550001 is not a valid phone number, shortcode, or alphanumeric sender ID.");

    assertThat(send()).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("21212"));
  }

  @Test
  void missingSettingsAreNamedAndNothingIsSent() {
    TwilioSmsProvider provider = provider(new TwilioSettings(null, " ", null, null, twilio.baseUrl(), null));

    assertThat(provider.missingSettings()).containsExactly("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
        "TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID", "OMNIJOURNEY_PUBLIC_BASE_URL");
    assertThat(ThroughChannelProviders.send(provider, sms())).isInstanceOf(SendOutcome.Misconfigured.class);
    twilio.verify(exactly(0), postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void theBaseUrlDefaultsToTwiliosApi() {
    assertThat(new TwilioSettings(ACCOUNT, TOKEN, "+15005550006", null, null, null).baseUrl())
        .isEqualTo("https://api.twilio.com");
  }

  private SendOutcome send() {
    return provider(settings("+15005550006", null)).send(sms());
  }

  private void refuse(int status, int code, String message) {
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(error(status, code, message))));
  }

  /** Twilio's error body. */
  private static String error(int status, int code, String message) {
    return "{\"code\": " + code + ", \"message\": \"" + message.replace("\"", "\\\"")
        + "\", \"more_info\": \"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}";
  }

  private TwilioSettings settings(String from, String messagingService) {
    return new TwilioSettings(ACCOUNT, TOKEN, from, messagingService, twilio.baseUrl(), "https://journeys.example.com/");
  }

  private static TwilioSmsProvider provider(TwilioSettings settings) {
    return new TwilioSmsProvider(RestClient.builder(), settings);
  }

  private static OutboundMessage sms() {
    return new OutboundMessage("delivery-1", Channel.SMS, TO, null, TEXT, null);
  }

  private static LoggedRequest onlyRequest() {
    assertThat(twilio.getAllServeEvents()).hasSize(1);
    return twilio.getAllServeEvents().get(0).getRequest();
  }

  private static Map<String, String> form(LoggedRequest request) {
    return Arrays.stream(request.getBodyAsString().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> decode(pair[1])));
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
