package io.omnijourney.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.omnijourney.channel.Channel;
import io.omnijourney.support.ThroughChannelProviders;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

/**
 * The Cloud API client against WireMock, with the answers Meta documents: a {@code wamid} on
 * success, and Graph error objects ({@code error.code}, {@code error_data.details}, {@code fbtrace_id})
 * for each class of refusal.
 */
class WhatsAppProviderTest {

  static final String TOKEN = "EAAJB-test-access-token";
  static final String PHONE_NUMBER_ID = "106540352242922";
  static final String MESSAGES = "/v21.0/" + PHONE_NUMBER_ID + "/messages";
  static final String WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA";

  @RegisterExtension
  static final WireMockExtension meta = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

  @Test
  void acceptedSendPostsTheTextWithTheBearerTokenAndReturnsTheWamid() {
    meta.stubFor(post(MESSAGES).willReturn(okJson("""
        {"messaging_product": "whatsapp",
         "contacts": [{"input": "+989121234567", "wa_id": "989121234567"}],
         "messages": [{"id": "%s"}]}""".formatted(WAMID))));

    SendOutcome outcome = provider().send(message());

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted(WAMID));
    meta.verify(postRequestedFor(urlEqualTo(MESSAGES))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+989121234567",
             "type": "text", "text": {"body": "Your order 1001 is confirmed."},
             "biz_opaque_callback_data": "delivery-1"}""")));
  }

  @Test
  void theApiVersionComesFromTheSettings() {
    meta.stubFor(post("/v23.0/" + PHONE_NUMBER_ID + "/messages")
        .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + WAMID + "\"}]}")));

    SendOutcome outcome = provider(new WhatsAppSettings(TOKEN, PHONE_NUMBER_ID, "s", "v", "v23.0", meta.baseUrl()))
        .send(message());

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted(WAMID));
  }

  @Test
  void undeliverable131026IsPermanentAndMarksTheNumberUnreachable() {
    stubError(400, 131026, "(#131026) Message Undeliverable.", "Message Undeliverable.");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Permanent.class, refused -> {
      assertThat(refused.code()).isEqualTo("131026");
      assertThat(refused.block()).isEqualTo(Block.UNREACHABLE);
      assertThat(refused.reason()).contains("Message Undeliverable").contains("fbtrace_id AXk3dEpqZxVNn2X8M9fGz1S");
    });
  }

  @Test
  void outsideTheCustomerServiceWindow131047IsPermanentWithoutABlock() {
    stubError(400, 131047, "(#131047) Re-engagement message",
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Permanent.class, refused -> {
      assertThat(refused.code()).isEqualTo("131047");
      assertThat(refused.block()).isEqualTo(Block.NONE);
      assertThat(refused.reason()).contains("template");
    });
  }

  @Test
  void lockedAccount131031IsMisconfigured() {
    stubError(400, 131031, "(#131031) Business Account locked",
        "The WhatsApp Business Account associated with the app has been restricted or disabled.");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("131031"));
  }

  @Test
  void policyBlock368IsMisconfiguredBecauseItIsTheWholeAccount() {
    stubError(400, 368, "(#368) Temporarily blocked for policies violations",
        "The WhatsApp Business Account associated with the app has been restricted or disabled for violating a"
            + " platform policy.");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("368"));
  }

  @Test
  void expiredToken190IsMisconfiguredAndTheTokenIsNotQuoted() {
    meta.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("""
            {"error": {"message": "Error validating access token: Session has expired on Friday, 13-Jun-25 09:00:00 PDT.",
             "type": "OAuthException", "code": 190, "error_subcode": 463, "fbtrace_id": "A9h7VcJ3GZk2"}}""")));

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Misconfigured.class, problem -> {
      assertThat(problem.code()).isEqualTo("190");
      assertThat(problem.reason()).contains("Session has expired").contains("subcode 463").doesNotContain(TOKEN);
    });
  }

  @Test
  void unauthorizedWithoutAGraphErrorIsMisconfigured() {
    meta.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(401)));

    assertThat(provider().send(message())).isInstanceOf(SendOutcome.Misconfigured.class);
  }

  @Test
  void throughputLimit130429IsTransientHonouringRetryAfter() {
    meta.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
        .withHeader("Content-Type", "application/json")
        .withBody(graphError(130429, "(#130429) Rate limit hit",
            "Message failed to send because there were too many messages sent from this phone number in a short"
                + " period of time"))));

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Transient.class, later -> {
      assertThat(later.code()).isEqualTo("130429");
      assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    });
  }

  @Test
  void throughputLimitWithoutRetryAfterStillWaits() {
    stubError(400, 130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached.");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.retryAfter()).isEqualTo(WhatsAppErrors.THROUGHPUT_WAIT));
  }

  @Test
  void pairRateLimit131056WaitsAboutSixSeconds() {
    String details = "Message failed to send because there were too many messages sent from this phone number to the"
        + " same phone number in a short period of time.";
    meta.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("""
            {"error": {"message": "(#131056) (Business Account, Consumer Account) pair rate limit hit",
             "type": "OAuthException", "code": 131056, "error_subcode": 2494071,
             "error_data": {"messaging_product": "whatsapp", "details": "%s"},
             "fbtrace_id": "A4O5a8RAgePwbcGSu"}}""".formatted(details))));

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Transient.class, later -> {
      assertThat(later.code()).isEqualTo("131056");
      assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(6));
      assertThat(later.reason()).contains("subcode 2494071");
    });
  }

  @Test
  void ecosystemEngagement131049IsTransientForADay() {
    stubError(400, 131049, "(#131049) This message was not delivered to maintain healthy ecosystem engagement.",
        "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.retryAfter()).isEqualTo(Duration.ofHours(24)));
  }

  @Test
  void serverErrorsAreTransient() {
    meta.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
        .withBody("""
            {"error": {"message": "An unknown error has occurred.", "type": "OAuthException", "code": 1,
             "is_transient": true, "fbtrace_id": "AbC"}}""")));
    assertThat(provider().send(message())).isInstanceOf(SendOutcome.Transient.class);

    meta.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
        .withBody("<html><body>Service Unavailable</body></html>")));
    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.code()).isEqualTo("503"));
  }

  @Test
  void anInvalidParameterIsOurRequestSoMisconfigured() {
    stubError(400, 100, "(#100) Invalid parameter", "Unexpected key \"txt\" on param \"text\".");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("100"));
  }

  @Test
  void phoneNumbersInErrorDetailsAreMasked() {
    stubError(400, 131026, "(#131026) Message Undeliverable.", "Recipient +989121234567 cannot be reached.");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Permanent.class,
        refused -> assertThat(refused.reason()).doesNotContain("9121234567"));
  }

  @Test
  void withoutTokenOrNumberIdTheSendIsMisconfiguredAndNothingIsCalled() {
    WhatsAppProvider unconfigured = provider(new WhatsAppSettings("", null, null, null, null, meta.baseUrl()));

    assertThat(ThroughChannelProviders.send(unconfigured, message())).isInstanceOf(SendOutcome.Misconfigured.class);
    assertThat(unconfigured.missingSettings()).containsExactly(
        "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN");
    meta.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void ratesAreCountedPerBusinessNumber() {
    assertThat(provider().sender(Channel.WHATSAPP)).isEqualTo(PHONE_NUMBER_ID);
  }

  @Test
  void aConnectionThatNeverOpenedIsTransient() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    WhatsAppProvider provider =
        provider(new WhatsAppSettings(TOKEN, PHONE_NUMBER_ID, "s", "v", null, "http://127.0.0.1:" + closedPort));

    assertThat(provider.send(message())).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.reason()).doesNotContain(TOKEN).doesNotContain(PHONE_NUMBER_ID));
  }

  @Test
  void aConnectionCutAfterTheRequestIsAnUnknownOutcome() {
    meta.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> provider().send(message())).isInstanceOf(ProviderHttp.NoAnswer.class)
        .hasMessageNotContaining(PHONE_NUMBER_ID);
  }

  @Test
  void successWithoutAMessageIdIsAnUnknownOutcome() {
    meta.stubFor(post(MESSAGES).willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[]}")));

    assertThatThrownBy(() -> provider().send(message())).isInstanceOf(ProviderHttp.NoAnswer.class);
  }

  static OutboundMessage message() {
    return new OutboundMessage("delivery-1", Channel.WHATSAPP, "+989121234567", null, "Your order 1001 is confirmed.",
        null);
  }

  private static WhatsAppProvider provider() {
    return provider(new WhatsAppSettings(TOKEN, PHONE_NUMBER_ID, "app-secret", "verify", null, meta.baseUrl()));
  }

  private static WhatsAppProvider provider(WhatsAppSettings settings) {
    return new WhatsAppProvider(settings, RestClient.builder());
  }

  private static void stubError(int status, int code, String message, String details) {
    meta.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(graphError(code, message, details))));
  }

  /** Graph's error object, as Meta's error-code reference shows it. */
  private static String graphError(int code, String message, String details) {
    return """
        {"error": {"message": "%s", "type": "OAuthException", "code": %d,
         "error_data": {"messaging_product": "whatsapp", "details": "%s"},
         "fbtrace_id": "AXk3dEpqZxVNn2X8M9fGz1S"}}""".formatted(message, code, details.replace("\"", "\\\""));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }
}
