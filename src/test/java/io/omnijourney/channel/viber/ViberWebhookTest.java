package io.omnijourney.channel.viber;

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
import io.omnijourney.support.JourneyTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code POST /webhooks/viber} in the running application, with Viber's callback payloads: the
 * signature is checked before anything is stored, and reports end in the right status whatever
 * their order or number. The test profile's auth token is the one of Viber's own signature example.
 */
class ViberWebhookTest extends JourneyTest {

  /** Viber's signature example (viber-bot-java's ViberSignatureValidatorTest), for its auth token. */
  private static final String VIBER_EXAMPLE_BODY =
      "{\"event\":\"webhook\",\"timestamp\":4977069964384421269,\"message_token\":1478683725125}";
  private static final String VIBER_EXAMPLE_SIGNATURE =
      "d21b343448c8aee33b8e93768ef6ceb64a6ba6163099973a2b8bd028fea510ef";

  @Autowired TestLedger ledger;
  @Autowired ProviderEvents inbox;
  @Autowired Customers customers;
  @Autowired ChannelBlocks blocks;
  @Value("${omnijourney.providers.viber.auth-token}") String authToken;

  private String messageToken;
  private String deliveryId;

  /** A Viber message our bot sent, accepted and waiting for its reports. */
  @BeforeEach
  void viberAcceptedAMessage() {
    messageToken = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE));
    deliveryId = UUID.randomUUID().toString();
    ledger.startAttempt(deliveryId, "Task_SendViber", null, Channel.VIBER, "order-confirmation", ViberProvider.NAME,
        "01***A=");
    ledger.recordAccepted(deliveryId, messageToken);
  }

  @Test
  void viberDocumentedSignatureExampleIsAcceptedAndTheWebhookCheckStoresNothing() {
    long before = inbox.count(ViberProvider.NAME);

    ResponseEntity<String> answer = post(VIBER_EXAMPLE_BODY, VIBER_EXAMPLE_SIGNATURE);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(inbox.count(ViberProvider.NAME)).isEqualTo(before);
  }

  @Test
  void signedDeliveredReportMarksTheDeliveryDelivered() {
    long before = inbox.count(ViberProvider.NAME);

    ResponseEntity<String> answer = signedPost(event("delivered"));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).contains(messageToken + ":delivered");
    assertThat(status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(inbox.count(ViberProvider.NAME)).isEqualTo(before + 1);
  }

  @Test
  void signatureWithAnotherTokenIsRefusedAndNothingIsStored() {
    long before = inbox.count(ViberProvider.NAME);
    String body = event("delivered");

    ResponseEntity<String> answer = post(body, Signatures.hmacSha256Hex("another-bots-token", bytes(body)));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(inbox.count(ViberProvider.NAME)).isEqualTo(before);
    assertThat(status()).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void missingSignatureIsRefusedAndNothingIsStored() {
    long before = inbox.count(ViberProvider.NAME);

    ResponseEntity<String> answer = post(event("delivered"), null);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(inbox.count(ViberProvider.NAME)).isEqualTo(before);
    assertThat(status()).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void tamperedBodyIsRefusedAndNothingIsStored() {
    long before = inbox.count(ViberProvider.NAME);
    String signedForDelivered = Signatures.hmacSha256Hex(authToken, bytes(event("delivered")));

    ResponseEntity<String> answer = post(event("failed"), signedForDelivered);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(inbox.count(ViberProvider.NAME)).isEqualTo(before);
    assertThat(status()).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void duplicateReportChangesNothing() {
    signedPost(event("delivered"));
    long after = inbox.count(ViberProvider.NAME);

    ResponseEntity<String> again = signedPost(event("delivered"));

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody()).contains("\"duplicate\":true");
    assertThat(inbox.count(ViberProvider.NAME)).isEqualTo(after);
    assertThat(status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void seenBeforeDeliveredEndsRead() {
    signedPost(event("seen"));
    signedPost(event("delivered"));

    assertThat(status()).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void failedAfterDeliveredChangesNothing() {
    signedPost(event("delivered"));
    signedPost(failed());

    assertThat(status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void failedReportMarksTheDeliveryFailed() {
    ResponseEntity<String> answer = signedPost(failed());

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(status()).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void unsubscribedOptsTheCustomerOutOfViber() {
    String customerId = "cust-" + UUID.randomUUID();
    String viberId = UUID.randomUUID().toString().substring(0, 12) + "A=";
    customers.upsert(new ProfileChanges(customerId, null, null, null, null, viberId, null, "en", null));

    ResponseEntity<String> answer = signedPost("{\"event\":\"unsubscribed\",\"timestamp\":1457764197627,"
        + "\"chat_hostname\":\"SN-376_\",\"user_id\":\"" + viberId + "\",\"message_token\":4912661846655238145}");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(blocks.blocked(customerId, Channel.VIBER, viberId)).contains(Block.OPTED_OUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"event\":\"subscribed\",\"timestamp\":1457764197627,\"chat_hostname\":\"SN-376_\","
          + "\"user\":{\"id\":\"01234567890A=\","
          + "\"name\":\"John McClane\",\"avatar\":\"http://avatar.example.com\",\"country\":\"UK\",\"language\":\"en\","
          + "\"api_version\":1},\"message_token\":4912661846655238145}",
      "{\"event\":\"unsubscribed\",\"timestamp\":1457764197627,\"chat_hostname\":\"SN-376_\","
          + "\"user_id\":\"01234567890A=\","
          + "\"message_token\":4912661846655238145}",
      "{\"event\":\"conversation_started\",\"timestamp\":1457764197627,\"chat_hostname\":\"SN-376_\","
          + "\"message_token\":4912661846655238145,\"type\":\"open\",\"context\":\"context information\","
          + "\"user\":{\"id\":\"01234567890A=\",\"name\":\"John McClane\",\"language\":\"en\",\"country\":\"UK\","
          + "\"api_version\":1},\"subscribed\":false}",
      "{\"event\":\"message\",\"timestamp\":1457764197627,\"chat_hostname\":\"SN-376_\","
          + "\"message_token\":4912661846655238145,"
          + "\"sender\":{\"id\":\"01234567890A=\",\"name\":\"John McClane\",\"language\":\"en\",\"country\":\"UK\","
          + "\"api_version\":1},\"message\":{\"type\":\"text\",\"text\":\"a message to the service\"}}"})
  void otherCallbacksAreAnsweredAndNotKept(String body) {
    long before = inbox.count(ViberProvider.NAME);

    ResponseEntity<String> answer = signedPost(body);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(inbox.count(ViberProvider.NAME)).isEqualTo(before);
  }

  @Test
  void signedButUnreadableBodyIsKeptAsADeadLetterAndAnswered() {
    long before = inbox.count(ViberProvider.NAME);

    ResponseEntity<String> answer = signedPost("{\"event\":\"delivered\",\"message_token\":" + messageToken);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(inbox.count(ViberProvider.NAME)).isEqualTo(before + 1);
    assertThat(status()).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  private String event(String name) {
    return "{\"event\":\"" + name + "\",\"timestamp\":1457764197627,\"chat_hostname\":\"SN-376_\",\"message_token\":"
        + messageToken + ",\"user_id\":\"01234567890A=\"}";
  }

  private String failed() {
    return "{\"event\":\"failed\",\"timestamp\":1457764197627,\"chat_hostname\":\"SN-376_\",\"message_token\":"
        + messageToken + ",\"user_id\":\"01234567890A=\",\"desc\":\"failure description\"}";
  }

  private DeliveryStatus status() {
    return ledger.find(deliveryId).orElseThrow().status();
  }

  private ResponseEntity<String> signedPost(String body) {
    return post(body, Signatures.hmacSha256Hex(authToken, bytes(body)));
  }

  private ResponseEntity<String> post(String body, String signature) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      headers.set(ViberWebhook.SIGNATURE_HEADER, signature);
    }
    return http.postForEntity("/webhooks/viber", new HttpEntity<>(bytes(body), headers), String.class);
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
