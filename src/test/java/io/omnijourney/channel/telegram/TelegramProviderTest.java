package io.omnijourney.channel.telegram;

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
 * The Bot API client against WireMock, with Telegram's own answers: {@code ok: true} with the sent
 * message, and {@code ok: false} with {@code error_code}, {@code description} and, for 429,
 * {@code parameters.retry_after}. The token is in the path, so every refusal is also checked for it.
 */
class TelegramProviderTest {

  static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  static final String SEND_MESSAGE = "/bot" + TOKEN + "/sendMessage";
  static final String CHAT_ID = "5512345";
  static final String CHAT_KEY = "941e47471f0c81c9";

  @RegisterExtension
  static final WireMockExtension telegram = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

  @Test
  void acceptedSendPostsChatAndTextAndReturnsAChatKeyAndTheMessageId() {
    telegram.stubFor(post(SEND_MESSAGE).willReturn(json(200, """
        {"ok": true, "result": {"message_id": 4711,
         "from": {"id": 123456789, "is_bot": true, "first_name": "Omnijourney", "username": "omnijourney_bot"},
         "chat": {"id": 5512345, "first_name": "Sara", "type": "private"},
         "date": 1750857384, "text": "Your order 1001 is confirmed."}}""")));

    SendOutcome outcome = provider().send(message());

    // The chat key is the start of the chat id's SHA-256 (echo -n 5512345 | sha256sum): unique per chat,
    // without putting the chat id into log lines that quote provider message ids.
    assertThat(outcome).isEqualTo(new SendOutcome.Accepted(CHAT_KEY + ":4711"));
    assertThat(((SendOutcome.Accepted) outcome).providerMessageId()).doesNotContain(CHAT_ID);
    telegram.verify(postRequestedFor(urlEqualTo(SEND_MESSAGE))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"chat_id\": \"5512345\", \"text\": \"Your order 1001 is confirmed.\"}")));
  }

  @Test
  void blockedBotIsPermanentAndAnOptOut() {
    stubError(403, "Forbidden: bot was blocked by the user");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Permanent.class, refused -> {
      assertThat(refused.block()).isEqualTo(Block.OPTED_OUT);
      assertThat(refused.reason()).isEqualTo("Forbidden: bot was blocked by the user");
    });
  }

  @Test
  void deactivatedUserIsUnreachable() {
    stubError(403, "Forbidden: user is deactivated");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Permanent.class,
        refused -> assertThat(refused.block()).isEqualTo(Block.UNREACHABLE));
  }

  @Test
  void aChatThatNeverStartedTheBotIsUnreachable() {
    stubError(403, "Forbidden: bot can't initiate conversation with a user");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Permanent.class,
        refused -> assertThat(refused.block()).isEqualTo(Block.UNREACHABLE));
  }

  @Test
  void unknownChatIsUnreachable() {
    stubError(400, "Bad Request: chat not found");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Permanent.class, refused -> {
      assertThat(refused.code()).isEqualTo("400-chat-not-found");
      assertThat(refused.block()).isEqualTo(Block.UNREACHABLE);
    });
  }

  @Test
  void anyOther403IsPermanentForThisChatWithoutABlock() {
    stubError(403, "Forbidden: bot was kicked from the group chat");

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Permanent.class,
        refused -> assertThat(refused.block()).isEqualTo(Block.NONE));
  }

  @Test
  void tooManyRequestsIsTransientAfterRetryAfter() {
    telegram.stubFor(post(SEND_MESSAGE).willReturn(json(429, """
        {"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 35",
         "parameters": {"retry_after": 35}}""")));

    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Transient.class, later -> {
      assertThat(later.code()).isEqualTo("429");
      assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(35));
    });
  }

  @Test
  void aRefusedTokenIsMisconfiguredAndNotQuoted() {
    stubError(401, "Unauthorized");
    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.reason()).doesNotContain(TOKEN).doesNotContain("AAHdqTcv"));

    stubError(404, "Not Found");
    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("404"));
  }

  @Test
  void serverErrorsAreTransient() {
    stubError(500, "Internal Server Error");
    assertThat(provider().send(message())).isInstanceOf(SendOutcome.Transient.class);

    telegram.stubFor(post(SEND_MESSAGE).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
        .withBody("<html><head><title>502 Bad Gateway</title></head></html>")));
    assertThat(provider().send(message())).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.code()).isEqualTo("502"));
  }

  @Test
  void aTextTelegramRefusesIsOurMistakeSoMisconfigured() {
    stubError(400, "Bad Request: message is too long");

    assertThat(provider().send(message())).isInstanceOf(SendOutcome.Misconfigured.class);
  }

  @Test
  void withoutATokenTheSendIsMisconfiguredAndNothingIsCalled() {
    TelegramProvider unconfigured = provider(new TelegramSettings(null, null, telegram.baseUrl()));

    assertThat(ThroughChannelProviders.send(unconfigured, message())).isInstanceOf(SendOutcome.Misconfigured.class);
    assertThat(unconfigured.missingSettings()).containsExactly("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET");
    telegram.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aTokenThatIsNotABotTokenIsMisconfiguredAndNothingIsCalled() {
    TelegramProvider odd = provider(new TelegramSettings("123/../../x", "secret", telegram.baseUrl()));

    assertThat(ThroughChannelProviders.send(odd, message())).isInstanceOf(SendOutcome.Misconfigured.class);
    telegram.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void ratesAreCountedPerBotByItsPublicIdOnly() {
    assertThat(provider().sender(Channel.TELEGRAM)).isEqualTo("123456789");
  }

  @Test
  void connectionFailuresNeverNameTheTokenOrTheUrl() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    TelegramProvider unreachable = provider(new TelegramSettings(TOKEN, "secret", "http://127.0.0.1:" + closedPort));
    assertThat(unreachable.send(message())).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.reason()).doesNotContain(TOKEN).doesNotContain("/bot"));

    telegram.stubFor(post(SEND_MESSAGE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> provider().send(message())).isInstanceOf(ProviderHttp.NoAnswer.class)
        .hasMessageNotContaining(TOKEN).hasMessageNotContaining("/bot").hasNoCause();
  }

  static OutboundMessage message() {
    return new OutboundMessage("delivery-1", Channel.TELEGRAM, CHAT_ID, null, "Your order 1001 is confirmed.", null);
  }

  private static TelegramProvider provider() {
    return provider(new TelegramSettings(TOKEN, "secret", telegram.baseUrl()));
  }

  private static TelegramProvider provider(TelegramSettings settings) {
    return new TelegramProvider(settings, RestClient.builder());
  }

  private static void stubError(int status, String description) {
    telegram.stubFor(post(SEND_MESSAGE).willReturn(json(status,
        "{\"ok\": false, \"error_code\": " + status + ", \"description\": \"" + description + "\"}")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }
}
