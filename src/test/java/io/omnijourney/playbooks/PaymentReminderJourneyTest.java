package io.omnijourney.playbooks;

import static io.omnijourney.bpmn.Bpmn.Events.PAYMENT_RECEIVED;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.EMAIL_NOT_OPENED;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.END_NOT_REACHED;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.END_PAID;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.END_REMINDERS_SENT;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.END_WHATSAPP_NOT_SENT;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.PLAYBOOK;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.SEND_EMAIL;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.WAIT_EMAIL_OPENED;
import static io.omnijourney.support.PlaybookIds.PaymentReminder.WAIT_FINAL_REMINDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.web.SignedLinks;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of the payment-reminder playbook, in the real application with the sandbox provider. */
class PaymentReminderJourneyTest extends JourneyTest {

  private static final Pattern PIXEL = Pattern.compile("<img src=\"(https?://[^\"]+/o/[A-Za-z0-9_.-]+)\"");

  @Autowired SignedLinks signedLinks;
  @Autowired Customers customers;
  @Autowired JdbcClient jdbc;

  @Test
  void emailOpenedSkipsTheSmsAndEndsWithTheWhatsappLink() {
    ProcessInstance journey = start();
    executeJob(journey, SEND_EMAIL);
    // The sandbox reports the email delivered: not enough, the journey waits for it to be opened.
    eventually(() -> assertThat(delivery(journey, "email").status()).isEqualTo(DeliveryStatus.DELIVERED));
    assertThat(journey).isWaitingAt(WAIT_EMAIL_OPENED);

    ResponseEntity<byte[]> pixel = openPixelOf(outbox.list("email", null).get(0));

    assertThat(pixel.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pixel.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_GIF);
    assertThat(journey).isWaitingAt(WAIT_FINAL_REMINDER).hasNotPassed(EMAIL_NOT_OPENED);
    assertThat(delivery(journey, "email").status()).isEqualTo(DeliveryStatus.READ);
    executeJob(journey, WAIT_FINAL_REMINDER);
    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isEnded().hasPassed(END_REMINDERS_SENT).hasNotPassed(SEND_SMS);
    assertThat(channels()).containsExactly("email", "whatsapp");
    assertThat(outbox.list("whatsapp", null).get(0).text()).contains("https://shop.example.com/pay/INV-20417");
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void emailDeliveredButNotOpenedInTimeSendsAnSms() {
    ProcessInstance journey = start();

    executeJob(journey, SEND_EMAIL);
    eventually(() -> assertThat(delivery(journey, "email").status()).isEqualTo(DeliveryStatus.DELIVERED));
    executeJob(journey, EMAIL_NOT_OPENED);
    executeJob(journey, SEND_SMS);

    assertThat(journey).isWaitingAt(WAIT_FINAL_REMINDER);
    assertThat(channels()).containsExactly("email", "sms");
    // Opened after the journey moved on: recorded as a late report, nothing sent again.
    assertThat(openPixelOf(outbox.list("email", null).get(0)).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(delivery(journey, "email").status()).isEqualTo(DeliveryStatus.READ);
    assertThat(delivery(journey, "email").late()).isTrue();
    assertThat(journey).isWaitingAt(WAIT_FINAL_REMINDER);
  }

  @Test
  void anOpenIsCountedOnceAndAForgedPixelIsRefusedWithoutATrace() {
    ProcessInstance journey = start();
    executeJob(journey, SEND_EMAIL);
    eventually(() -> assertThat(delivery(journey, "email").status()).isEqualTo(DeliveryStatus.DELIVERED));
    Entry email = outbox.list("email", null).get(0);
    String link = pixelLink(email);
    String token = link.substring(link.lastIndexOf('/') + 1);
    long reports = inboxRows();

    for (String bad : new String[] {token.substring(0, token.length() - 2) + "xx", "nonsense", "a.b",
        signedLinks.link("o", "no-such-delivery").replaceAll(".*/o/", ""),
        signedLinks.link("o", delivery(journey, "email").id(), "email").replaceAll(".*/o/", "")}) {
      assertThat(http.getForEntity("/o/" + bad, byte[].class).getStatusCode()).as(bad).isEqualTo(HttpStatus.NOT_FOUND);
    }
    assertThat(inboxRows()).isEqualTo(reports);

    assertThat(openPixelOf(email).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(openPixelOf(email).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(inboxRows()).isEqualTo(reports + 1);
    assertThat(journey).isWaitingAt(WAIT_FINAL_REMINDER);
    // An open is engagement: email becomes the customer's learned channel.
    assertThat(customers.learnedChannel(delivery(journey, "email").customerId())).contains(Channel.EMAIL);
  }

  @Test
  void emailNotOpenedInTimeSendsAnSms() {
    sandbox("email", Outcome.SILENT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_EMAIL);
    assertThat(journey).isWaitingAt(WAIT_EMAIL_OPENED);
    executeJob(journey, EMAIL_NOT_OPENED);
    executeJob(journey, SEND_SMS);
    executeJob(journey, WAIT_FINAL_REMINDER);
    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isEnded().hasPassed(END_REMINDERS_SENT);
    assertThat(channels()).containsExactly("email", "sms", "whatsapp");
  }

  @Test
  void emailFailedSendsAnSms() {
    sandbox("email", Outcome.FAIL);
    ProcessInstance journey = start();

    executeJob(journey, SEND_EMAIL);
    eventually(() -> assertThat(job(journey, SEND_SMS)).isNotNull());
    executeJob(journey, SEND_SMS);

    assertThat(journey).isWaitingAt(WAIT_FINAL_REMINDER).hasNotPassed(EMAIL_NOT_OPENED);
    assertThat(channels()).containsExactly("email", "sms");
  }

  @Test
  void emailRejectedSendsAnSmsAtOnce() {
    sandbox("email", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_EMAIL);
    executeJob(journey, SEND_SMS);

    assertThat(journey).isWaitingAt(WAIT_FINAL_REMINDER).hasNotPassed(WAIT_EMAIL_OPENED);
    assertThat(channels()).containsExactly("email", "sms");
  }

  @Test
  void whatsappRejectedAfterTheSmsStillCountsTheCustomerReached() {
    sandbox("email", Outcome.REJECT);
    sandbox("whatsapp", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_EMAIL);
    executeJob(journey, SEND_SMS);
    executeJob(journey, WAIT_FINAL_REMINDER);
    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isEnded().hasPassed(END_WHATSAPP_NOT_SENT).hasNotPassed(END_NOT_REACHED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void everyChannelRefusingEndsTheJourneyFailed() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_EMAIL);
    executeJob(journey, SEND_SMS);
    executeJob(journey, WAIT_FINAL_REMINDER);
    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isEnded().hasPassed(END_NOT_REACHED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void paymentReceivedEndsTheJourneyAtOnce() {
    sandbox("email", Outcome.SILENT);
    ProcessInstance journey = start();
    executeJob(journey, SEND_EMAIL);

    ResponseEntity<String> answer = event(PAYMENT_RECEIVED, journey.getBusinessKey());

    assertThat(answer.getBody()).contains("\"correlated\":1");
    assertThat(journey).isEnded().hasPassed(END_PAID).hasNotPassed(SEND_SMS);
    assertThat(channels()).containsExactly("email");
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void paymentReceivedForAnotherInvoiceLeavesThisJourneyAlone() {
    ProcessInstance journey = start();

    event(PAYMENT_RECEIVED, "invoice-" + UUID.randomUUID());

    assertThat(journey).isActive();
  }

  @Test
  void startedOverTheApiItRemindsInTheCustomersLanguageEmailThenSmsThenWhatsapp() throws Exception {
    sandbox("email", Outcome.SILENT);
    String businessKey = "invoice-" + UUID.randomUUID();
    String body = """
        {"playbook": "payment-reminder", "businessKey": "%s",
         "customer": {"id": "cust-%s", "phone": "+79161234567", "email": "ivan@example.com", "locale": "ru",
                      "timeZone": "Europe/Moscow"},
         "variables": {"invoiceNumber": "INV-77", "amount": "1 200 RUB", "dueDate": "2026-12-01",
                       "paymentUrl": "https://shop.example.com/pay/INV-77", "emailOpenTimeout": "PT10S"}}
        """.formatted(businessKey, UUID.randomUUID());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> started = api().postForEntity("/api/journeys", new HttpEntity<>(body, headers), String.class);
    assertThat(started.getStatusCode().value()).isEqualTo(201);
    ProcessInstance journey = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult();

    executeJob(journey, SEND_EMAIL);
    executeJob(journey, EMAIL_NOT_OPENED);
    executeJob(journey, SEND_SMS);
    executeJob(journey, WAIT_FINAL_REMINDER);
    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isEnded().hasPassed(END_REMINDERS_SENT);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("email", "sms", "whatsapp");
    assertThat(outbox.list(null, null)).allSatisfy(m -> assertThat(m.text()).containsPattern("[А-Яа-я]"));
    assertThat(outbox.list("email", null).get(0).recipient()).isEqualTo("ivan@example.com");
  }

  @Test
  void aStartWithoutThePaymentLinkIsRefused() {
    String body = """
        {"playbook": "payment-reminder", "businessKey": "invoice-%s",
         "customer": {"id": "cust-1", "email": "sara@example.com"},
         "variables": {"invoiceNumber": "INV-1", "amount": "10 EUR", "dueDate": "2026-12-01"}}
        """.formatted(UUID.randomUUID());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);

    ResponseEntity<String> refused = api().postForEntity("/api/journeys", new HttpEntity<>(body, headers), String.class);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("paymentUrl");
  }

  private ProcessInstance start() {
    var customer = new CustomerUpdate("cust-" + UUID.randomUUID(), SARA_PHONE, SARA_EMAIL, null, null, null, null, "fa",
        "Asia/Tehran", null);
    Map<String, Object> variables = Map.of("invoiceNumber", "INV-20417", "amount", "1,200,000 IRR",
        "dueDate", "2026-12-01", "paymentUrl", "https://shop.example.com/pay/INV-20417");
    String id = journeys.start(new StartJourneyRequest(PLAYBOOK, "invoice-" + UUID.randomUUID(), customer, variables), null)
        .journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private ResponseEntity<String> event(String name, String businessKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"name\": \"" + name + "\", \"businessKey\": \"" + businessKey + "\"}";
    return api().postForEntity("/api/events", new HttpEntity<>(body, headers), String.class);
  }

  /** The open pixel's address in the email's HTML, as a mail program would find it. */
  private static String pixelLink(Entry email) {
    Matcher pixel = PIXEL.matcher(email.html());
    assertThat(pixel.find()).as("an open pixel in " + email.html()).isTrue();
    return pixel.group(1);
  }

  /** Loads the pixel as a mail program does: no login. */
  private ResponseEntity<byte[]> openPixelOf(Entry email) {
    return http.getForEntity(pixelLink(email).replaceAll("^https?://[^/]+", ""), byte[].class);
  }

  private long inboxRows() {
    return jdbc.sql("SELECT COUNT(*) FROM webhook_event").query(Long.class).single();
  }

  private java.util.List<String> channels() {
    return outbox.list(null, null).stream().map(Entry::channel).toList();
  }
}
