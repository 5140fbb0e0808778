package io.omnijourney.channel.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.Customers;
import io.omnijourney.customer.ProfileChanges;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.SendFailure;
import io.omnijourney.delivery.SendRequest;
import io.omnijourney.support.MessengersOnWireMockTest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Sends on the telegram channel through the real Bot API client (Telegram played by WireMock), from
 * the delivery service down. A customer who blocked the bot: Telegram's 403 ends the send for good
 * at once (the send task's {@code delivery-rejected} error, which the diagram catches to fall back),
 * the profile records the opt-out, and the next send to that chat is refused before Telegram is called.
 */
@ExtendWith(OutputCaptureExtension.class)
class TelegramDeliveriesTest extends MessengersOnWireMockTest {

  /** A chat id no other test uses, so the log check cannot be fooled by another test's lines. */
  private static final String CHAT_ID = "7" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);

  @Autowired Customers customers;
  @Autowired ChannelBlocks blocks;

  @Test
  void aTelegram403BotWasBlockedByTheUserFallsBackAtOnceAndRecordsTheBlock() {
    providerApis.stubFor(post(TELEGRAM_SEND_MESSAGE).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}")));
    String chatId = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 9_000_000_000L));
    String customerId = "cust-" + UUID.randomUUID();
    customers.upsert(new ProfileChanges(customerId, null, null, null, chatId, null, null, "en", null));
    String journeyId = "journey-" + UUID.randomUUID();

    assertThatThrownBy(() -> deliveries.send(telegram(journeyId, 1, customerId)))
        .isInstanceOf(SendFailure.Rejected.class)
        .hasMessageContaining("bot was blocked by the user");

    providerApis.verify(1, postRequestedFor(urlEqualTo(TELEGRAM_SEND_MESSAGE)));
    assertThat(deliveries.ofJourney(journeyId)).singleElement().satisfies(delivery -> {
      assertThat(delivery.status()).isEqualTo(DeliveryStatus.REJECTED);
      assertThat(delivery.provider()).isEqualTo(TelegramProvider.NAME);
      assertThat(delivery.errorCode()).isEqualTo("403-blocked");
    });
    assertThat(blocks.blocked(customerId, Channel.TELEGRAM, chatId)).contains(Block.OPTED_OUT);

    // The same task again (a retried job) stays rejected without calling Telegram.
    assertThatThrownBy(() -> deliveries.send(telegram(journeyId, 1, customerId)))
        .isInstanceOf(SendFailure.Rejected.class);
    // The next send to the same chat is refused before any HTTP call.
    assertThatThrownBy(() -> deliveries.send(telegram(journeyId, 2, customerId)))
        .isInstanceOf(SendFailure.Rejected.class)
        .hasMessageContaining("blocked: opted_out");
    providerApis.verify(1, postRequestedFor(urlEqualTo(TELEGRAM_SEND_MESSAGE)));
  }

  @Test
  void anAcceptedSendIsFinalAndNoLogLineNamesTheTokenOrTheChat(CapturedOutput output) {
    providerApis.stubFor(post(TELEGRAM_SEND_MESSAGE).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"ok": true, "result": {"message_id": 4711,
             "from": {"id": 123456789, "is_bot": true, "first_name": "Omnijourney", "username": "omnijourney_bot"},
             "chat": {"id": %s, "first_name": "Sara", "type": "private"}, "date": 1750857384,
             "text": "Your order 1001 is confirmed."}}""".formatted(CHAT_ID))));
    String customerId = "cust-" + UUID.randomUUID();
    customers.upsert(new ProfileChanges(customerId, null, null, null, CHAT_ID, null, null, "en", null));
    String journeyId = "journey-" + UUID.randomUUID();

    var delivery = deliveries.send(telegram(journeyId, 1, customerId));

    // No receipt will ever come: accepted is where a Telegram delivery ends.
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.ACCEPTED);
    assertThat(delivery.providerMessageId()).isEqualTo(TelegramProvider.chatKey(CHAT_ID) + ":4711");
    providerApis.verify(1, postRequestedFor(urlEqualTo(TELEGRAM_SEND_MESSAGE))
        .withRequestBody(matchingJsonPath("$.chat_id", equalTo(CHAT_ID)))
        .withRequestBody(matchingJsonPath("$.text", equalTo("Your order 1001 is confirmed."))));
    assertThat(output.getAll()).contains("accepted by telegram")
        .doesNotContain(BOT_TOKEN).doesNotContain("AAHdqTcvCH1vGWJx").doesNotContain(CHAT_ID);
  }

  private static SendRequest telegram(String journeyId, int sequence, String customerId) {
    return new SendRequest(journeyId, journeyId, "Task_SendTelegram", sequence, customerId, Channel.TELEGRAM,
        "telegram-test", null, Map.of("orderNumber", "1001"));
  }
}
