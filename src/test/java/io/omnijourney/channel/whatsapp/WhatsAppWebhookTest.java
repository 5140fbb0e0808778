package io.omnijourney.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.channel.Signatures;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.Customers;
import io.omnijourney.customer.ProfileChanges;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderEvents;
import io.omnijourney.delivery.TestLedger;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.support.JourneyTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /webhooks/whatsapp} in the running application: Meta's handshake, its signed status
 * callbacks in the shape Meta documents (several statuses per POST, in any order), and customers'
 * messages. Deliveries are put in the ledger as the WhatsApp provider would have left them.
 */
class WhatsAppWebhookTest extends JourneyTest {

  @Autowired TestLedger ledger;
  @Autowired ProviderEvents inbox;
  @Autowired CustomerMessages inbound;
  @Autowired Customers customers;
  @Autowired ChannelBlocks blocks;
  @Autowired JdbcClient jdbc;
  @Value("${omnijourney.providers.whatsapp.app-secret}") String appSecret;
  @Value("${omnijourney.providers.whatsapp.verify-token}") String verifyToken;

  @Test
  void deliveredWithAGoodSignatureMovesTheDeliveryOn() {
    String wamid = newWamid();
    String delivery = acceptedDelivery(wamid);

    ResponseEntity<String> answer = post(payload(status(wamid, "delivered")));

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(statusOf(delivery)).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(events(wamid)).containsExactly(wamid + ":delivered");
  }

  @Test
  void aWrongMissingOrTamperedSignatureIsRefusedAndNothingIsStored() {
    String wamid = newWamid();
    String delivery = acceptedDelivery(wamid);
    String body = payload(status(wamid, "delivered"));
    String tampered = body.replace("\"delivered\"", "\"failed\"");
    long before = inbox.count(WhatsAppProvider.NAME);

    List<ResponseEntity<String>> answers = List.of(
        post(body, "sha256=" + Signatures.hmacSha256Hex("not-the-app-secret", bytes(body))),
        post(body, null),
        post(body, "sha256="),
        post(body, Signatures.hmacSha256Hex(appSecret, bytes(body))),
        post(body, "sha1=" + Signatures.hmacSha256Hex(appSecret, bytes(body))),
        post(tampered, sign(body)));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(401));
    assertThat(inbox.count(WhatsAppProvider.NAME)).isEqualTo(before);
    assertThat(statusOf(delivery)).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void theSameCallbackTwiceChangesNothing() {
    String wamid = newWamid();
    String delivery = acceptedDelivery(wamid);
    String body = payload(status(wamid, "delivered"));

    ResponseEntity<String> first = post(body);
    long stored = inbox.count(WhatsAppProvider.NAME);
    ResponseEntity<String> second = post(body);

    assertThat(first.getBody()).contains("\"duplicates\":0");
    assertThat(second.getStatusCode().value()).isEqualTo(200);
    assertThat(second.getBody()).contains("\"duplicates\":1");
    assertThat(inbox.count(WhatsAppProvider.NAME)).isEqualTo(stored);
    assertThat(events(wamid)).containsExactly(wamid + ":delivered");
    assertThat(statusOf(delivery)).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void readBeforeDeliveredInOnePostEndsRead() {
    String wamid = newWamid();
    String delivery = acceptedDelivery(wamid);

    ResponseEntity<String> answer = post(payload(status(wamid, "read"), status(wamid, "delivered")));

    assertThat(answer.getBody()).contains("\"statuses\":2");
    assertThat(statusOf(delivery)).isEqualTo(DeliveryStatus.READ);
    assertThat(events(wamid)).containsExactlyInAnyOrder(wamid + ":read", wamid + ":delivered");
  }

  @Test
  void sentAndDeliveredAfterReadInLaterPostsLeaveItRead() {
    String wamid = newWamid();
    String delivery = acceptedDelivery(wamid);

    post(payload(status(wamid, "read")));
    post(payload(status(wamid, "sent")));
    post(payload(status(wamid, "delivered")));

    assertThat(statusOf(delivery)).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void statusesOfSeveralMessagesInOnePostEachReachTheirDelivery() {
    String first = newWamid();
    String second = newWamid();
    String firstDelivery = acceptedDelivery(first);
    String secondDelivery = acceptedDelivery(second);

    post(payload(status(first, "delivered"), failed(second, 131026)));

    assertThat(statusOf(firstDelivery)).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(statusOf(secondDelivery)).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void failedIsFinalEvenWhenDeliveredComesLater() {
    String wamid = newWamid();
    String delivery = acceptedDelivery(wamid);

    post(payload(failed(wamid, 131026)));
    post(payload(status(wamid, "delivered")));

    assertThat(statusOf(delivery)).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void aFailureWith131026MarksTheNumberUnreachableOnTheProfile() {
    String customerId = "cust-" + UUID.randomUUID();
    String number = "+7916" + (1000000 + (int) (Math.random() * 8999999));
    customers.upsert(new ProfileChanges(customerId, null, null, number, null, null, null, "ru", null));
    String wamid = newWamid();
    String id = acceptedDelivery(wamid, customerId);

    post(payload(failed(wamid, 131026)));

    assertThat(statusOf(id)).isEqualTo(DeliveryStatus.FAILED);
    assertThat(blocks.blocked(customerId, Channel.WHATSAPP, number)).contains(Block.UNREACHABLE);
  }

  @Test
  void aFailureThatSaysNothingAboutTheNumberBlocksNothing() {
    String customerId = "cust-" + UUID.randomUUID();
    String number = "+7916" + (1000000 + (int) (Math.random() * 8999999));
    customers.upsert(new ProfileChanges(customerId, null, null, number, null, null, null, "ru", null));
    String wamid = newWamid();
    String id = acceptedDelivery(wamid, customerId);

    post(payload(failed(wamid, 131047)));

    assertThat(statusOf(id)).isEqualTo(DeliveryStatus.FAILED);
    assertThat(blocks.blocked(customerId, Channel.WHATSAPP, number)).isEmpty();
  }

  @Test
  void aSignedBodyThatIsNotJsonIsKeptAsADeadLetterAndAnswered200() {
    String body = "not json at all";
    long before = inbox.count(WhatsAppProvider.NAME);

    ResponseEntity<String> answer = post(body);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(inbox.count(WhatsAppProvider.NAME)).isEqualTo(before + 1);
  }

  @Test
  void aCustomersMessageIsKeptForTheInboxOnceAndMatchedToTheProfile() {
    String customerId = "cust-" + UUID.randomUUID();
    String number = "+7916" + (1000000 + (int) (Math.random() * 8999999));
    customers.upsert(new ProfileChanges(customerId, null, null, number, null, null, null, "ru", null));
    String messageId = newWamid();
    String body = whatsappMessage(number, messageId, "Где мой заказ?");

    assertThat(post(body).getStatusCode().value()).isEqualTo(200);
    assertThat(post(body).getStatusCode().value()).isEqualTo(200);

    assertThat(inbound.ofCustomer(customerId)).singleElement().satisfies(message -> {
      assertThat(message.channel()).isEqualTo(Channel.WHATSAPP);
      assertThat(message.providerEventId()).isEqualTo(messageId);
      assertThat(message.senderRef()).isEqualTo(number);
      assertThat(message.text()).isEqualTo("Где мой заказ?");
    });
  }

  @Test
  void theHandshakeEchoesTheChallengeOnlyForOurVerifyToken() {
    ResponseEntity<String> good = handshake("subscribe", verifyToken, "1158201444");
    assertThat(good.getStatusCode().value()).isEqualTo(200);
    assertThat(good.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue();
    assertThat(good.getBody()).isEqualTo("1158201444");

    assertThat(handshake("subscribe", "not-our-token", "1158201444").getStatusCode().value()).isEqualTo(403);
    assertThat(handshake("subscribe", null, "1158201444").getStatusCode().value()).isEqualTo(403);
    assertThat(handshake("unsubscribe", verifyToken, "1158201444").getStatusCode().value()).isEqualTo(403);
    assertThat(handshake("subscribe", "not-our-token", "1158201444").getBody()).doesNotContain("1158201444");
  }

  private ResponseEntity<String> handshake(String mode, String token, String challenge) {
    StringBuilder url = new StringBuilder("/webhooks/whatsapp?hub.mode=").append(mode).append("&hub.challenge=")
        .append(challenge);
    if (token != null) {
      url.append("&hub.verify_token=").append(token);
    }
    return http.getForEntity(url.toString(), String.class);
  }

  private String acceptedDelivery(String wamid) {
    return acceptedDelivery(wamid, null);
  }

  private String acceptedDelivery(String wamid, String customerId) {
    String id = UUID.randomUUID().toString();
    ledger.startAttempt(id, "Task_SendWhatsapp", customerId, Channel.WHATSAPP, "order-confirmation",
        WhatsAppProvider.NAME, "+98*******67");
    ledger.recordAccepted(id, wamid);
    return id;
  }

  private DeliveryStatus statusOf(String deliveryId) {
    return ledger.find(deliveryId).orElseThrow().status();
  }

  private List<String> events(String wamid) {
    return jdbc.sql("SELECT event_id FROM webhook_event WHERE provider = 'whatsapp' AND provider_message_id = ?"
            + " ORDER BY id")
        .param(wamid).query(String.class).list();
  }

  private ResponseEntity<String> post(String body) {
    return post(body, sign(body));
  }

  private ResponseEntity<String> post(String body, String signature) {
    return postWhatsappWebhook(body, signature);
  }

  private String sign(String body) {
    return whatsappSignature(body);
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  static String newWamid() {
    return "wamid.HBgM" + UUID.randomUUID().toString().replace("-", "").toUpperCase() + "=";
  }

  /** A status as Meta sends it, with the conversation and pricing it carries. */
  static String status(String wamid, String status) {
    return """
        {"id": "%s", "status": "%s", "timestamp": "1750857384", "recipient_id": "989121234567",
         "conversation": {"id": "a75d17ad06104c51166f948319b03c6a", "origin": {"type": "utility"}},
         "pricing": {"billable": true, "pricing_model": "CBP", "category": "utility"}}""".formatted(wamid, status);
  }

  static String failed(String wamid, int code) {
    return """
        {"id": "%s", "status": "failed", "timestamp": "1750857390", "recipient_id": "989121234567",
         "errors": [{"code": %d, "title": "Message undeliverable", "message": "Message undeliverable",
                     "error_data": {"details": "Message Undeliverable."},
                     "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]}"""
        .formatted(wamid, code);
  }

  /** Meta's envelope: entry[].changes[].value.statuses[]. */
  static String payload(String... statuses) {
    return """
        {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"value": {
          "messaging_product": "whatsapp",
          "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
          "statuses": [%s]}, "field": "messages"}]}]}""".formatted(String.join(", ", statuses));
  }
}
