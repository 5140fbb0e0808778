package io.omnijourney.channel.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.Customers;
import io.omnijourney.customer.ProfileChanges;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.TestLedger;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.support.JourneyTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Twilio's status callback in the running application: signed as Twilio signs it (over the public
 * URL from the test settings), stored once, and moving a Twilio delivery's status forward only.
 */
class TwilioWebhookTest extends JourneyTest {

  @Autowired TestLedger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired TwilioSettings settings;
  @Autowired Customers customers;
  @Autowired ChannelBlocks blocks;
  @Autowired CustomerMessages inbox;

  @Test
  void aSignedDeliveredReportIsStoredAndDeliversTheMessage() {
    String sid = acceptedMessage();

    ResponseEntity<String> answer = post(callback(sid, "delivered"));

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody()).isNull();
    assertThat(status(sid)).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(events(sid)).containsExactly("APPLIED");
  }

  @Test
  void aBadMissingOrTamperedSignatureIsRefusedAndNothingIsStored() {
    String sid = acceptedMessage();
    MultiValueMap<String, String> delivered = callback(sid, "delivered");
    MultiValueMap<String, String> tampered = callback(sid, "undelivered");
    long before = allTwilioEvents();

    List<ResponseEntity<String>> answers = List.of(
        post(delivered, TwilioSignature.of("not-the-auth-token", settings.statusCallbackUrl(), delivered)),
        post(delivered, null),
        post(delivered, ""),
        // Signed for the URL the application sees, not the public one Twilio called.
        post(delivered, TwilioSignature.of(settings.authToken(), http.getRootUri() + TwilioWebhook.PATH, delivered)),
        post(tampered, signature(delivered)));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(401));
    assertThat(allTwilioEvents()).isEqualTo(before);
    assertThat(status(sid)).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void theSameReportTwiceChangesNothingTheSecondTime() {
    String sid = acceptedMessage();

    assertThat(post(callback(sid, "undelivered")).getStatusCode().value()).isEqualTo(200);
    assertThat(post(callback(sid, "undelivered")).getStatusCode().value()).isEqualTo(200);

    assertThat(status(sid)).isEqualTo(DeliveryStatus.UNDELIVERED);
    assertThat(events(sid)).containsExactly("APPLIED");
  }

  @Test
  void deliveredBeforeSentEndsDelivered() {
    String sid = acceptedMessage();

    post(callback(sid, "delivered"));
    post(callback(sid, "sent"));

    assertThat(status(sid)).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(events(sid)).containsExactly("APPLIED", "IGNORED");
  }

  @Test
  void queuedSendingSentFailedIsAFailureThatDeliveredNoLongerChanges() {
    String sid = acceptedMessage();

    for (String reported : List.of("queued", "sending", "sent", "failed", "delivered")) {
      assertThat(post(callback(sid, reported)).getStatusCode().value()).isEqualTo(200);
    }

    assertThat(status(sid)).isEqualTo(DeliveryStatus.FAILED);
    assertThat(events(sid)).containsExactly("IGNORED", "IGNORED", "APPLIED", "APPLIED", "IGNORED");
  }

  @Test
  void anUndeliveredReportWith21610RecordsTheOptOutOnTheProfile() {
    String customerId = "cust-" + UUID.randomUUID();
    customers.upsert(new ProfileChanges(customerId, SARA_PHONE, null, null, null, null, null, "fa", null));
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    ledger.accepted(TwilioSmsProvider.NAME, sid, customerId, Channel.SMS);
    MultiValueMap<String, String> undelivered = callback(sid, "undelivered");
    undelivered.set("ErrorCode", "21610");

    assertThat(post(undelivered).getStatusCode().value()).isEqualTo(200);

    assertThat(status(sid)).isEqualTo(DeliveryStatus.UNDELIVERED);
    assertThat(blocks.blocked(customerId, Channel.SMS, SARA_PHONE)).contains(Block.OPTED_OUT);
  }

  @Test
  void aFailureThatMayPassBlocksNothing() {
    String customerId = "cust-" + UUID.randomUUID();
    customers.upsert(new ProfileChanges(customerId, SARA_PHONE, null, null, null, null, null, "fa", null));
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    ledger.accepted(TwilioSmsProvider.NAME, sid, customerId, Channel.SMS);

    post(callback(sid, "undelivered"));  // 30003: the handset is off for now

    assertThat(status(sid)).isEqualTo(DeliveryStatus.UNDELIVERED);
    assertThat(blocks.blocked(customerId, Channel.SMS, SARA_PHONE)).isEmpty();
  }

  @Test
  void aStopReplyIsKeptInTheInboxAndOptsTheCustomerOutOfSms() {
    String customerId = "cust-" + UUID.randomUUID();
    String phone = "+98912" + (1_000_000 + (int) (Math.random() * 8_999_999));
    customers.upsert(new ProfileChanges(customerId, phone, null, null, null, null, null, "fa", null));

    ResponseEntity<String> hello = post(incoming(phone, "Hello, where is my order?"));
    assertThat(blocks.blocked(customerId, Channel.SMS, phone)).isEmpty();
    ResponseEntity<String> stop = post(incoming(phone, " Stop. "));

    assertThat(hello.getStatusCode().value()).isEqualTo(200);
    assertThat(stop.getStatusCode().value()).isEqualTo(200);
    assertThat(stop.getBody()).contains("<Response/>");
    assertThat(blocks.blocked(customerId, Channel.SMS, phone)).contains(Block.OPTED_OUT);
    assertThat(inbox.ofCustomer(customerId)).extracting(CustomerMessages.Stored::text)
        .containsExactly("Hello, where is my order?", " Stop. ");
  }

  @Test
  void anIncomingMessageWithABadSignatureIsRefusedAndNotKept() {
    String customerId = "cust-" + UUID.randomUUID();
    String phone = "+98912" + (1_000_000 + (int) (Math.random() * 8_999_999));
    customers.upsert(new ProfileChanges(customerId, phone, null, null, null, null, null, "fa", null));

    ResponseEntity<String> answer = post(incoming(phone, "STOP"), "forged");

    assertThat(answer.getStatusCode().value()).isEqualTo(401);
    assertThat(blocks.blocked(customerId, Channel.SMS, phone)).isEmpty();
    assertThat(inbox.ofCustomer(customerId)).isEmpty();
  }

  @Test
  void aSignedReportWithAnUnknownStatusIsKeptAsADeadLetter() {
    String sid = acceptedMessage();

    ResponseEntity<String> answer = post(callback(sid, "teleported"));

    assertThat(answer.getStatusCode().value()).isEqualTo(202);
    assertThat(jdbc.sql("SELECT state FROM webhook_event WHERE provider = 'twilio' AND payload LIKE ?")
        .param("%" + sid + "%").query(String.class).list()).containsExactly("DEAD");
    assertThat(status(sid)).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void theStoredReportDoesNotHoldTheCustomersNumber() {
    String sid = acceptedMessage();

    post(callback(sid, "delivered"));

    assertThat(jdbc.sql("SELECT payload FROM webhook_event WHERE provider = 'twilio' AND provider_message_id = ?")
        .param(sid).query(String.class).single()).contains("MessageSid=" + sid).doesNotContain("9121234567");
  }

  private String acceptedMessage() {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    ledger.accepted(TwilioSmsProvider.NAME, sid);
    return sid;
  }

  /** A customer's own SMS to our number, as Twilio posts it to the messaging webhook. */
  private MultiValueMap<String, String> incoming(String from, String body) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    form.add("ToCountry", "US");
    form.add("SmsMessageSid", sid);
    form.add("NumMedia", "0");
    form.add("SmsSid", sid);
    form.add("SmsStatus", "received");
    form.add("Body", body);
    form.add("To", settings.from());
    form.add("NumSegments", "1");
    form.add("MessageSid", sid);
    form.add("AccountSid", settings.accountSid());
    form.add("From", from);
    form.add("ApiVersion", "2010-04-01");
    return form;
  }

  /** A status callback as Twilio posts it for an SMS. */
  private MultiValueMap<String, String> callback(String sid, String status) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("SmsSid", sid);
    form.add("SmsStatus", status);
    form.add("MessageStatus", status);
    form.add("To", SARA_PHONE);
    form.add("MessageSid", sid);
    form.add("AccountSid", settings.accountSid());
    form.add("From", settings.from());
    form.add("ApiVersion", "2010-04-01");
    if (status.equals("failed") || status.equals("undelivered")) {
      form.add("ErrorCode", "30003");
    }
    return form;
  }

  private String signature(MultiValueMap<String, String> form) {
    return TwilioSignature.of(settings.authToken(), settings.statusCallbackUrl(), form);
  }

  private ResponseEntity<String> post(MultiValueMap<String, String> form) {
    return post(form, signature(form));
  }

  private ResponseEntity<String> post(MultiValueMap<String, String> form, String signature) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    if (signature != null) {
      headers.set(TwilioWebhook.SIGNATURE_HEADER, signature);
    }
    return http.postForEntity(TwilioWebhook.PATH, new HttpEntity<>(form, headers), String.class);
  }

  private DeliveryStatus status(String sid) {
    return ledger.findByProviderMessage(TwilioSmsProvider.NAME, sid).orElseThrow().status();
  }

  private List<String> events(String sid) {
    return jdbc.sql("SELECT state FROM webhook_event WHERE provider = 'twilio' AND provider_message_id = ? ORDER BY id")
        .param(sid).query(String.class).list();
  }

  private long allTwilioEvents() {
    return jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE provider = 'twilio'").query(Long.class).single();
  }
}
