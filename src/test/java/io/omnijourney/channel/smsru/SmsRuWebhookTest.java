package io.omnijourney.channel.smsru;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.TestLedger;
import io.omnijourney.support.JourneyTest;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * SMS.ru's callback in the running application: several events in one signed form, answered with
 * the body {@code 100}, each event stored once and moving an SMS.ru delivery forward only.
 */
class SmsRuWebhookTest extends JourneyTest {

  @Autowired TestLedger ledger;
  @Autowired JdbcClient jdbc;
  @Value("${omnijourney.providers.smsru.api-id}") String apiId;

  @Test
  void theHashIsSmsRusRecipe() {
    // sha256("test-smsru-api-id" + both data values), worked out apart from our code.
    assertThat(SmsRuWebhook.hash("test-smsru-api-id", List.of(
        "sms_status\n000000-10000001\n103\n1700000000",
        "sms_status\n000000-10000002\n102\n1700000005")))
        .isEqualTo("def0131a8e86be37b61f1f729a7aa72c841c8247ccc46305548db9d70ffff193");
  }

  @Test
  void aSignedCallbackIsAnsweredWith100AndAppliesEachEvent() {
    String delivered = acceptedMessage();
    String onItsWay = acceptedMessage();

    ResponseEntity<String> answer = post(callback(event(delivered, 103), event(onItsWay, 102)));

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue();
    assertThat(answer.getBody()).isEqualTo("100");
    assertThat(status(delivered)).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(status(onItsWay)).isEqualTo(DeliveryStatus.SENT);
    assertThat(events(delivered)).containsExactly("APPLIED");
  }

  @Test
  void aBadMissingOrTamperedHashIsRefusedAndNothingIsStored() {
    String smsId = acceptedMessage();
    MultiValueMap<String, String> good = callback(event(smsId, 103));
    MultiValueMap<String, String> wrongKey = copy(good);
    wrongKey.set("hash", SmsRuWebhook.hash("not-our-api-id", List.of(event(smsId, 103))));
    MultiValueMap<String, String> missing = copy(good);
    missing.remove("hash");
    MultiValueMap<String, String> tampered = copy(good);
    tampered.set("data[0]", event(smsId, 104));
    long before = allSmsRuEvents();

    List<ResponseEntity<String>> answers = List.of(post(wrongKey), post(missing), post(tampered));

    assertThat(answers).allSatisfy(answer -> {
      assertThat(answer.getStatusCode().value()).isEqualTo(401);
      assertThat(answer.getBody()).isNotEqualTo("100");
    });
    assertThat(allSmsRuEvents()).isEqualTo(before);
    assertThat(status(smsId)).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void theSameEventTwiceChangesNothingTheSecondTime() {
    String smsId = acceptedMessage();

    assertThat(post(callback(event(smsId, 104))).getBody()).isEqualTo("100");
    assertThat(post(callback(event(smsId, 104))).getBody()).isEqualTo("100");

    assertThat(status(smsId)).isEqualTo(DeliveryStatus.UNDELIVERED);
    assertThat(events(smsId)).containsExactly("APPLIED");
  }

  @Test
  void deliveredBeforeSentEndsDelivered() {
    String smsId = acceptedMessage();

    post(callback(event(smsId, 103)));
    post(callback(event(smsId, 102), event(smsId, 101)));

    assertThat(status(smsId)).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(events(smsId)).containsExactly("APPLIED", "IGNORED", "IGNORED");
  }

  @Test
  void rejectedIsAFailureThatALaterDeliveredDoesNotUndo() {
    String smsId = acceptedMessage();

    post(callback(event(smsId, 108), event(smsId, 103)));

    assertThat(status(smsId)).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void otherKindsOfEventAreSkippedAndAnUnreadableOneIsKeptAsADeadLetter() {
    String smsId = acceptedMessage();

    ResponseEntity<String> answer = post(callback("callcheck_status\n201737-542\n401\n1700000000",
        "sms_status\n" + smsId + "\n999\n1700000000", event(smsId, 103)));

    assertThat(answer.getBody()).isEqualTo("100");
    assertThat(status(smsId)).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(jdbc.sql("SELECT state FROM webhook_event WHERE provider = 'smsru' AND payload LIKE ? ORDER BY id")
        .param("%" + smsId + "%").query(String.class).list()).containsExactly("DEAD", "APPLIED");
  }

  private String acceptedMessage() {
    String smsId = "%06d-%08d".formatted(ThreadLocalRandom.current().nextInt(1_000_000),
        ThreadLocalRandom.current().nextInt(100_000_000));
    ledger.accepted(SmsRuProvider.NAME, smsId);
    return smsId;
  }

  /** One {@code sms_status} event as SMS.ru writes it: kind, sms_id, status code, Unix time. */
  private static String event(String smsId, int code) {
    return "sms_status\n" + smsId + "\n" + code + "\n" + System.currentTimeMillis() / 1000;
  }

  /** SMS.ru's form: {@code data[0]}, {@code data[1]}, ... and the hash over them. */
  private MultiValueMap<String, String> callback(String... data) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < data.length; i++) {
      form.add("data[" + i + "]", data[i]);
    }
    form.add("hash", SmsRuWebhook.hash(apiId, List.of(data)));
    return form;
  }

  private static MultiValueMap<String, String> copy(MultiValueMap<String, String> form) {
    return new LinkedMultiValueMap<>(form);
  }

  private ResponseEntity<String> post(MultiValueMap<String, String> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity(SmsRuWebhook.PATH, new HttpEntity<>(form, headers), String.class);
  }

  private DeliveryStatus status(String smsId) {
    return ledger.findByProviderMessage(SmsRuProvider.NAME, smsId).orElseThrow().status();
  }

  private List<String> events(String smsId) {
    return jdbc.sql("SELECT state FROM webhook_event WHERE provider = 'smsru' AND provider_message_id = ? ORDER BY id")
        .param(smsId).query(String.class).list();
  }

  private long allSmsRuEvents() {
    return jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE provider = 'smsru'").query(Long.class).single();
  }
}
