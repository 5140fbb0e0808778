package io.omnijourney.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.channel.Channel;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.Customers;
import io.omnijourney.customer.ProfileChanges;
import io.omnijourney.delivery.ProviderEvents;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.support.JourneyTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;

/**
 * {@code /webhooks/telegram} in the running application: updates in the Bot API's own shape, let in
 * only with our {@code X-Telegram-Bot-Api-Secret-Token}, kept once per {@code update_id}.
 */
class TelegramWebhookTest extends JourneyTest {

  @Autowired CustomerMessages inbound;
  @Autowired ProviderEvents providerEvents;
  @Autowired Customers customers;
  @Autowired ChannelBlocks blocks;
  @Value("${omnijourney.providers.telegram.webhook-secret}") String secret;

  @Test
  void aMessageFromAKnownChatIsKeptForThatCustomer() {
    String chatId = newChatId();
    String customerId = customerWithChat(chatId);
    long updateId = newUpdateId();

    ResponseEntity<String> answer = post(telegramUpdate(updateId, chatId, "Where is my order?"), secret);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody()).as("an empty answer: a JSON body would be taken as a Bot API call").isNull();
    assertThat(inbound.ofCustomer(customerId)).singleElement().satisfies(message -> {
      assertThat(message.channel()).isEqualTo(Channel.TELEGRAM);
      assertThat(message.provider()).isEqualTo("telegram");
      assertThat(message.providerEventId()).isEqualTo(String.valueOf(updateId));
      assertThat(message.senderRef()).isEqualTo(chatId);
      assertThat(message.text()).isEqualTo("Where is my order?");
      assertThat(message.sentAt()).isEqualTo(OffsetDateTime.of(2025, 6, 25, 13, 16, 24, 0, ZoneOffset.UTC));
    });
    assertThat(customers.learnedChannel(customerId)).as("writing to us teaches where they answer")
        .contains(Channel.TELEGRAM);
  }

  @Test
  void aMissingOrWrongSecretTokenIsRefusedAndNothingIsStored() {
    String chatId = newChatId();
    long updateId = newUpdateId();
    String body = telegramUpdate(updateId, chatId, "hello");
    long messagesBefore = inbound.count("telegram");
    long eventsBefore = providerEvents.count("telegram");

    List<ResponseEntity<String>> answers = List.of(
        post(body, null),
        post(body, ""),
        post(body, "not-the-secret"),
        post(body, secret + "x"),
        post(body, secret.toUpperCase()));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(401));
    assertThat(inbound.count("telegram")).isEqualTo(messagesBefore);
    assertThat(providerEvents.count("telegram")).isEqualTo(eventsBefore);
    assertThat(inbound.find("telegram", String.valueOf(updateId))).isEmpty();
  }

  @Test
  void theSameUpdateTwiceIsKeptOnce() {
    String chatId = newChatId();
    String customerId = customerWithChat(chatId);
    String body = telegramUpdate(newUpdateId(), chatId, "Is it shipped?");

    assertThat(post(body, secret).getStatusCode().value()).isEqualTo(200);
    long stored = inbound.count("telegram");
    assertThat(post(body, secret).getStatusCode().value()).isEqualTo(200);

    assertThat(inbound.count("telegram")).isEqualTo(stored);
    assertThat(inbound.ofCustomer(customerId)).hasSize(1);
  }

  @Test
  void updatesArriveInAnyOrderAndEachIsKept() {
    String chatId = newChatId();
    String customerId = customerWithChat(chatId);
    long first = newUpdateId();

    post(telegramUpdate(first + 1, chatId, "second"), secret);
    post(telegramUpdate(first, chatId, "first"), secret);

    assertThat(inbound.ofCustomer(customerId)).extracting(CustomerMessages.Stored::providerEventId)
        .containsExactlyInAnyOrder(String.valueOf(first), String.valueOf(first + 1));
  }

  @Test
  void aMessageFromAnUnknownChatGetsANewProfileWithThatChat() {
    long updateId = newUpdateId();
    String chatId = newChatId();

    post(telegramUpdate(updateId, chatId, "Привет"), secret);

    String customerId = inbound.find("telegram", String.valueOf(updateId)).orElseThrow().customerId();
    assertThat(customerId).isNotNull();
    assertThat(customers.find(customerId).orElseThrow().telegramChatId()).isEqualTo(chatId);
    assertThat(customers.find(customerId).orElseThrow().locale()).isEqualTo("ru");
  }

  @Test
  void updatesThatAreNotMessagesAreAnsweredAndNotKept() {
    long updateId = newUpdateId();
    String edited = """
        {"update_id": %d, "edited_message": {"message_id": 12, "from": {"id": 1111111, "is_bot": false,
         "first_name": "Sara"}, "chat": {"id": 1111111, "first_name": "Sara", "type": "private"},
         "date": 1750857384, "edit_date": 1750857400, "text": "edited"}}""".formatted(updateId);

    assertThat(post(edited, secret).getStatusCode().value()).isEqualTo(200);
    assertThat(inbound.find("telegram", String.valueOf(updateId))).isEmpty();
  }

  @Test
  void anUnreadableUpdateIsKeptAsADeadLetter() {
    long before = providerEvents.count("telegram");

    assertThat(post("{\"no_update_id\": true}", secret).getStatusCode().value()).isEqualTo(200);

    assertThat(providerEvents.count("telegram")).isEqualTo(before + 1);
  }

  @Test
  void aCustomerKnownByPhoneWhoSharesItFromTelegramIsOneProfileWithOneHistory() {
    String customerId = "cust-" + UUID.randomUUID();
    String phone = "+98912" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    customers.upsert(new ProfileChanges(customerId, phone, null, null, null, null, null, "fa", null));
    String chatId = newChatId();
    post(telegramUpdate(newUpdateId(), chatId, "salam"), secret);

    post(contactShared(newUpdateId(), chatId, phone.substring(1)), secret);

    assertThat(customers.find(customerId).orElseThrow().telegramChatId()).isEqualTo(chatId);
    assertThat(customers.find(customerId).orElseThrow().phone()).isEqualTo(phone);
    assertThat(inbound.ofCustomer(customerId)).extracting(CustomerMessages.Stored::text).containsExactly("salam", null);
    assertThat(customers.findByPhone(phone)).hasSize(1);
  }

  @Test
  void aProfileThatKnewOnlyTheChatIsMergedIntoThePhonesProfileWithItsHistory() {
    String customerId = "cust-" + UUID.randomUUID();
    String phone = "+98912" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    customers.upsert(new ProfileChanges(customerId, phone, null, null, null, null, null, "fa", null));
    String chatId = newChatId();
    String chatOnly = customerWithChat(chatId);
    blocks.optOut(chatOnly, Channel.EMAIL, "api");
    post(telegramUpdate(newUpdateId(), chatId, "first"), secret);

    post(contactShared(newUpdateId(), chatId, phone), secret);

    assertThat(customers.find(chatOnly)).isEmpty();
    assertThat(customers.find(customerId).orElseThrow().telegramChatId()).isEqualTo(chatId);
    assertThat(inbound.ofCustomer(customerId)).extracting(CustomerMessages.Stored::text).contains("first");
    assertThat(blocks.of(customerId)).extracting(ChannelBlocks.Entry::channel).containsExactly(Channel.EMAIL);
  }

  @Test
  void someoneElsesSharedContactJoinsNothing() {
    String customerId = "cust-" + UUID.randomUUID();
    String phone = "+98912" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    customers.upsert(new ProfileChanges(customerId, phone, null, null, null, null, null, "fa", null));
    String chatId = newChatId();

    post(contactShared(newUpdateId(), chatId, phone).replace("\"user_id\": " + chatId, "\"user_id\": 42"), secret);

    assertThat(customers.find(customerId).orElseThrow().telegramChatId()).isNull();
  }

  /** An Update in which the customer shares their own contact (a "share my phone number" button). */
  static String contactShared(long updateId, String chatId, String phone) {
    return """
        {"update_id": %d, "message": {"message_id": 1366,
         "from": {"id": %s, "is_bot": false, "first_name": "Sara"},
         "chat": {"id": %s, "first_name": "Sara", "type": "private"}, "date": 1750857390,
         "contact": {"phone_number": "%s", "first_name": "Sara", "user_id": %s}}}"""
        .formatted(updateId, chatId, chatId, phone, chatId);
  }

  private String customerWithChat(String chatId) {
    String customerId = "cust-" + UUID.randomUUID();
    customers.upsert(new ProfileChanges(customerId, null, null, null, chatId, null, null, "en", null));
    return customerId;
  }

  private ResponseEntity<String> post(String body, String secretToken) {
    return postTelegramWebhook(body, secretToken);
  }
}
