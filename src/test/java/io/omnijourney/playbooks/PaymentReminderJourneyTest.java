package io.omnijourney.playbooks;

import static io.omnijourney.journey.Bpmn.PaymentReminder.EMAIL_NOT_OPENED;
import static io.omnijourney.journey.Bpmn.PaymentReminder.END_NOT_REACHED;
import static io.omnijourney.journey.Bpmn.PaymentReminder.END_PAID;
import static io.omnijourney.journey.Bpmn.PaymentReminder.END_REMINDERS_SENT;
import static io.omnijourney.journey.Bpmn.PaymentReminder.END_WHATSAPP_NOT_SENT;
import static io.omnijourney.journey.Bpmn.PaymentReminder.PAYMENT_RECEIVED;
import static io.omnijourney.journey.Bpmn.PaymentReminder.PLAYBOOK;
import static io.omnijourney.journey.Bpmn.PaymentReminder.SEND_EMAIL;
import static io.omnijourney.journey.Bpmn.PaymentReminder.SEND_SMS;
import static io.omnijourney.journey.Bpmn.PaymentReminder.SEND_WHATSAPP;
import static io.omnijourney.journey.Bpmn.PaymentReminder.WAIT_EMAIL_OPENED;
import static io.omnijourney.journey.Bpmn.PaymentReminder.WAIT_FINAL_REMINDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerData;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every path of the payment-reminder playbook, in the real application with the sandbox provider. */
class PaymentReminderJourneyTest extends JourneyTest {


  @Test
  void emailOpenedSkipsTheSmsAndEndsWithTheWhatsappLink() {
    ProcessInstance journey = start();

    executeJob(journey, SEND_EMAIL);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_FINAL_REMINDER));
    executeJob(journey, WAIT_FINAL_REMINDER);
    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isEnded().hasPassed(END_REMINDERS_SENT).hasNotPassed(SEND_SMS);
    assertThat(channels()).containsExactly("email", "whatsapp");
    assertThat(outbox.list("whatsapp", null).get(0).text()).contains("https://shop.example.com/pay/INV-20417");
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
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
    var customer = new CustomerData("cust-" + UUID.randomUUID(), SARA_PHONE, SARA_EMAIL, null, null, null, null, "fa",
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

  private java.util.List<String> channels() {
    return outbox.list(null, null).stream().map(Entry::channel).toList();
  }
}
