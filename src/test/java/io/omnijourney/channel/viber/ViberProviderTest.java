package io.omnijourney.channel.viber;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.omnijourney.channel.Channel;
import io.omnijourney.support.ThroughChannelProviders;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.client.RestClient;

/**
 * The Viber client against WireMock, with the answers of Viber's chat bot API: HTTP is 200
 * whatever happened, and {@code status} in the body decides the class.
 */
class ViberProviderTest {

  private static final String TOKEN = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9";
  private static final String RECEIVER = "01234567890A=";
  private static final String TEXT = "Your order 1001 is confirmed.";

  @RegisterExtension
  static final WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void acceptedMessageKeepsTheMessageTokenExactly() {
    // Message tokens are 64-bit numbers: read through a double, this one would lose its last digits.
    api.stubFor(post("/pa/send_message").willReturn(okJson(
        "{\"status\":0,\"status_message\":\"ok\",\"message_token\":5741311803571721087,"
            + "\"chat_hostname\":\"SN-CHAT-05_\",\"billing_status\":1}")));

    SendOutcome outcome = provider().send(viber("delivery-1"));

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted("5741311803571721087"));
    api.verify(postRequestedFor(urlPathEqualTo("/pa/send_message"))
        .withHeader("X-Viber-Auth-Token", equalTo(TOKEN))
        .withRequestBody(equalToJson("{\"receiver\":\"" + RECEIVER + "\",\"type\":\"text\",\"text\":\"" + TEXT
            + "\",\"sender\":{\"name\":\"Omnijourney\"}}")));
  }

  @ParameterizedTest
  @CsvSource({"5, receiverNotRegistered", "6, receiverNotSubscribed"})
  void receiverNotOnViberOrNotSubscribedIsPermanentAndUnreachable(int status, String name) {
    viberAnswers(status, name);

    assertThat(provider().send(viber("delivery-2"))).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo(String.valueOf(status));
      assertThat(permanent.block()).isEqualTo(Block.UNREACHABLE);
    });
  }

  @Test
  void noSuitableDeviceIsPermanentWithoutABlock() {
    viberAnswers(11, "receiverNoSuitableDevice");

    assertThat(provider().send(viber("delivery-3"))).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo("11");
      assertThat(permanent.block()).isEqualTo(Block.NONE);
    });
  }

  @Test
  void rateControlIsTransientWithAWait() {
    // Viber's documented answer once a user got 100 messages in an hour without replying.
    api.stubFor(post("/pa/send_message").willReturn(okJson(
        "{\"status\":12,\"status_message\":\"Too many requests\",\"message_token\":\"1234567890\","
            + "\"chat_hostname\":\"SN-CHAT-0x_\"}")));

    assertThat(provider().send(viber("delivery-4")))
        .isEqualTo(new SendOutcome.Transient("12", "Viber rate control (Too many requests)",
            ViberProvider.TOO_MANY_REQUESTS_WAIT));
  }

  @Test
  void http429WithRetryAfterIsTransientAndHonoured() {
    api.stubFor(post("/pa/send_message").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "9")));

    assertThat(provider().send(viber("delivery-5"))).isInstanceOfSatisfying(SendOutcome.Transient.class, later -> {
      assertThat(later.code()).isEqualTo("429");
      assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(9));
    });
  }

  @Test
  void serverErrorsAreTransient() {
    api.stubFor(post("/pa/send_message").willReturn(aResponse().withStatus(503)));

    assertThat(provider().send(viber("delivery-6"))).isInstanceOf(SendOutcome.Transient.class);
  }

  @ParameterizedTest
  @CsvSource({
      "2, invalidAuthToken", "3, badData", "4, missingData", "7, publicAccountBlocked", "8, publicAccountNotFound",
      "9, publicAccountSuspended", "10, webhookNotSet", "15, publicAccountNotAuthorized"})
  void badTokenBotProblemsAndMalformedRequestsAreMisconfigured(int status, String name) {
    viberAnswers(status, name);

    assertThat(provider().send(viber("delivery-7"))).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo(String.valueOf(status)));
  }

  @Test
  void withoutTokenOrSenderNameNothingIsCalledAndTheSendIsMisconfigured() {
    ViberProvider unconfigured = new ViberProvider(new ViberSettings("", "", api.baseUrl()), RestClient.builder(),
        new ObjectMapper());

    assertThat(ThroughChannelProviders.send(unconfigured, viber("delivery-8"))).isInstanceOf(SendOutcome.Misconfigured.class);
    assertThat(unconfigured.missingSettings()).containsExactly("VIBER_AUTH_TOKEN", "VIBER_SENDER_NAME");
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  @Test
  void anAnswerWithoutAStatusIsUnknownNotASuccess() {
    api.stubFor(post("/pa/send_message").willReturn(aResponse().withStatus(200).withBody("<html>proxy</html>")));

    assertThatThrownBy(() -> provider().send(viber("delivery-9"))).isInstanceOf(ProviderHttp.NoAnswer.class);
  }

  private static ViberProvider provider() {
    return new ViberProvider(new ViberSettings(TOKEN, "Omnijourney", api.baseUrl()), RestClient.builder(),
        new ObjectMapper());
  }

  private static OutboundMessage viber(String reference) {
    return new OutboundMessage(reference, Channel.VIBER, RECEIVER, null, TEXT, null);
  }

  private static void viberAnswers(int status, String name) {
    api.stubFor(post("/pa/send_message").willReturn(okJson(
        "{\"status\":" + status + ",\"status_message\":\"" + name + "\",\"chat_hostname\":\"SN-CHAT-01_\"}")));
  }
}
