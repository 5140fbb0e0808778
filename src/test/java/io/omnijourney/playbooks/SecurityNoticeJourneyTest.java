package io.omnijourney.playbooks;

import static io.omnijourney.support.PlaybookIds.SecurityNotice.END_CHANNEL_DELIVERED;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.END_CHANNEL_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.END_NOTIFIED;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.END_NOT_REACHED;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.HANDLE_UNDELIVERABLE;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.NOT_DELIVERED_IN_TIME;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.PLAYBOOK;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.SEND;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.UPDATE_CONTACT;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.WAIT_DELIVERY;
import static io.omnijourney.support.PlaybookIds.SecurityNotice.Variables.NOTICE_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.Delivery;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of the security notice: the notice goes on every channel the customer can get it on,
 * all at once (one send job per channel as soon as the journey starts, not one after another), each
 * through the delivery ledger; a channel that refuses, fails or stays silent does not hold the
 * others up; quiet hours and the frequency cap do not apply; opted-out channels are left out; when
 * no channel delivers, an operator closes the journey or retries with corrected contact data.
 */
class SecurityNoticeJourneyTest extends JourneyTest {

  static final String EVENT = "a sign-in to your account from a new device";

  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;

  @Test
  void everyReachableChannelGetsTheNoticeAtOnce() {
    CustomerUpdate customer = everywhere();
    ProcessInstance journey = start(customer);

    assertThat(journey).isWaitingAt(SEND);
    assertThat(sendJobs(journey)).as("one send per channel, all due now").hasSize(6)
        .allSatisfy(job -> assertThat(job.getDuedate()).isBeforeOrEqualTo(new Date()));
    sendAll(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_NOTIFIED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel)
        .containsExactlyInAnyOrder("sms", "whatsapp", "telegram", "viber", "email", "push");
    assertThat(outbox.list(null, null)).allSatisfy(entry -> assertThat(entry.text()).contains(EVENT));
    assertThat(deliveriesOf(journey)).extracting(Delivery::status).hasSize(6)
        .allSatisfy(status -> assertThat(status).isIn(DeliveryStatus.DELIVERED, DeliveryStatus.ACCEPTED));
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void quietHoursAndTheFrequencyCapDoNotHoldItBack() {
    ClockUtil.setCurrentTime(at(2026, 11, 23, 23, 30));
    CustomerUpdate customer = everywhere();
    for (int i = 0; i < 3; i++) { // today's marketing messages: the cap (3 a day) is reached
      jdbc.sql("INSERT INTO marketing_contact (message_ref, customer_id, contacted_at) VALUES (?, ?, ?)")
          .params("earlier-" + UUID.randomUUID(), customer.id(),
              OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC)).update();
    }
    ProcessInstance journey = start(customer);

    sendAll(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_NOTIFIED));
    assertThat(outbox.list(null, null)).hasSize(6);
    assertThat(deliveriesOf(journey)).extracting(Delivery::policyNote).containsOnlyNulls();
  }

  @Test
  void aChannelTheCustomerOptedOutOfIsLeftOutAndTheOthersStillGetIt() {
    CustomerUpdate customer = everywhere();
    customers.save(customer);
    ResponseEntity<JsonNode> optedOut = api().postForEntity("/api/customers/" + customer.id() + "/opt-outs",
        Map.of("channel", "sms"), JsonNode.class);
    assertThat(optedOut.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance journey = start(customer);

    assertThat(sendJobs(journey)).hasSize(5);
    sendAll(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_NOTIFIED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).doesNotContain("sms").hasSize(5);
    assertThat(deliveriesOf(journey)).extracting(d -> d.channel().id()).doesNotContain("sms");
  }

  @Test
  void aChannelThatRefusesDoesNotStopTheOthers() {
    sandbox("sms", Outcome.REJECT);
    ProcessInstance journey = start(everywhere());

    sendAll(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_NOTIFIED, END_CHANNEL_NOT_DELIVERED));
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.REJECTED);
    assertThat(endedAt(journey, END_CHANNEL_NOT_DELIVERED)).isEqualTo(1);
    assertThat(endedAt(journey, END_CHANNEL_DELIVERED)).isEqualTo(5);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aChannelReportedFailedEndsItsOwnBranchOnly() {
    sandbox("whatsapp", Outcome.FAIL);
    ProcessInstance journey = start(everywhere());

    sendAll(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_NOTIFIED, END_CHANNEL_NOT_DELIVERED));
    assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(endedAt(journey, END_CHANNEL_NOT_DELIVERED)).isEqualTo(1);
    assertThat(endedAt(journey, END_CHANNEL_DELIVERED)).isEqualTo(5);
  }

  @Test
  void aSilentChannelWaitsNoticeTimeoutWhileTheOthersAreDone() {
    sandbox("email", Outcome.SILENT);
    ProcessInstance journey = start(everywhere(), Map.of(NOTICE_TIMEOUT, "PT2M"));

    sendAll(journey);

    eventually(() -> assertThat(endedAt(journey, END_CHANNEL_DELIVERED)).isEqualTo(5));
    assertThat(journey).isWaitingAt(WAIT_DELIVERY);
    Job timer = job(journey, NOT_DELIVERED_IN_TIME);
    assertThat(timer.getDuedate()).isCloseTo(new Date(System.currentTimeMillis() + 120_000), 10_000);
    management.executeJob(timer.getId());
    assertThat(journey).isEnded().hasPassed(END_NOTIFIED);
    assertThat(endedAt(journey, END_CHANNEL_NOT_DELIVERED)).isEqualTo(1);
    assertThat(delivery(journey, "email").status()).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void noChannelDeliveringAsksAnOperatorWhoCloses() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = start(everywhere());

    sendAll(journey);

    assertThat(journey).isWaitingAt(HANDLE_UNDELIVERABLE).hasNotPassed(END_CHANNEL_DELIVERED);
    assertThat(task(journey)).hasCandidateGroup("operators");
    complete(task(journey), Map.of("decision", "close"));
    assertThat(journey).isEnded().hasPassed(END_NOT_REACHED).hasNotPassed(END_NOTIFIED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void theOperatorRetriesWithACorrectedPhoneAndTheNoticeGoesOutThere() {
    String wrongPhone = "+98912" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    sandboxRules.replace(List.of(new SandboxRule("*", wrongPhone, Outcome.REJECT, 0L)));
    CustomerUpdate customer = new CustomerUpdate("cust-" + UUID.randomUUID(), wrongPhone, null, null, null, null, null,
        "en", "Asia/Tehran", null);
    ProcessInstance journey = start(customer);
    sendAll(journey);
    assertThat(journey).isWaitingAt(HANDLE_UNDELIVERABLE);

    complete(task(journey), Map.of("decision", "retry", "correctedPhone", "+7 916 765-43-21"));
    assertThat(journey).hasPassed(UPDATE_CONTACT).isWaitingAt(SEND);
    sendAll(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_NOTIFIED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel, Entry::recipient).containsExactlyInAnyOrder(
        Tuple.tuple("sms", wrongPhone), Tuple.tuple("whatsapp", wrongPhone),
        Tuple.tuple("sms", "+79167654321"),
        Tuple.tuple("whatsapp", "+79167654321"));
  }

  @Test
  void aCustomerNoChannelCanReachGoesStraightToAnOperator() {
    CustomerUpdate customer = new CustomerUpdate("cust-" + UUID.randomUUID(), null, SARA_EMAIL, null, null, null, null,
        "en", "Asia/Tehran", null);
    customers.save(customer);
    api().postForEntity("/api/customers/" + customer.id() + "/opt-outs", Map.of("channel", "email"), JsonNode.class);

    ProcessInstance journey = start(customer);

    assertThat(journey).isWaitingAt(HANDLE_UNDELIVERABLE).hasNotPassed(SEND);
    assertThat(outbox.list(null, null)).isEmpty();
  }

  @Test
  void startedOverTheApiAPersianCustomerGetsItInPersianOnEveryChannel() {
    String phone = "+98912" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    ResponseEntity<JsonNode> started = api().postForEntity("/api/journeys", Map.of(
        "playbook", PLAYBOOK, "businessKey", "security-" + UUID.randomUUID(),
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", phone, "email", "reza@example.com",
            "telegramChatId", newChatId(), "locale", "fa"),
        "variables", Map.of("securityEvent", "ورود از دستگاه جدید", "eventTime", "۲۰ آذر، ۱۴:۰۵")), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance journey = runtime.createProcessInstanceQuery()
        .processInstanceId(started.getBody().path("journeyId").asText()).singleResult();

    sendAll(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_NOTIFIED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel)
        .containsExactlyInAnyOrder("sms", "whatsapp", "telegram", "email");
    assertThat(outbox.list(null, null)).allSatisfy(entry ->
        assertThat(entry.text()).contains("ورود از دستگاه جدید", "۲۰ آذر، ۱۴:۰۵"));
    JsonNode shown = api().getForObject("/api/journeys/" + journey.getId(), JsonNode.class);
    assertThat(shown.path("deliveries")).hasSize(4);
  }

  @Test
  void aStartWithoutTheEventIsRefused() {
    ResponseEntity<JsonNode> refused = api().postForEntity("/api/journeys", Map.of("playbook", PLAYBOOK,
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", SARA_PHONE),
        "variables", Map.of("eventTime", "10 Dec at 14:05")), JsonNode.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("errors").toString()).contains("variables.securityEvent");
  }

  // ---- helpers ----

  /** How many branches of the multi-instance ended at this end event. */
  private long endedAt(ProcessInstance journey, String end) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(journey.getId())
        .activityId(end).finished().count();
  }

  private List<Job> sendJobs(ProcessInstance journey) {
    return management.createJobQuery().processInstanceId(journey.getId()).activityId(SEND).list();
  }

  /**
   * Runs every send job that waits, one after the other, as the job executor would: a job that
   * clashes with a delivery report the sandbox is correlating at the same moment (both complete a
   * branch of the multi-instance) is run again, as the job executor retries it.
   */
  private void sendAll(ProcessInstance journey) {
    for (Job job : sendJobs(journey)) {
      for (int attempt = 1; ; attempt++) {
        try {
          management.executeJob(job.getId());
          break;
        } catch (OptimisticLockingException clash) {
          assertThat(attempt).as("clashes of one send job").isLessThan(5);
        }
      }
    }
  }

  /** A customer with an address on every channel. */
  private static CustomerUpdate everywhere() {
    String phone = "+98912" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    return new CustomerUpdate("cust-" + UUID.randomUUID(), phone, SARA_EMAIL, newChatId(), null,
        "viber-" + UUID.randomUUID(), "push-" + UUID.randomUUID(), "en", "Asia/Tehran", null);
  }

  private ProcessInstance start(CustomerUpdate customer) {
    return start(customer, Map.of());
  }

  private ProcessInstance start(CustomerUpdate customer, Map<String, Object> extra) {
    Map<String, Object> variables = new HashMap<>(Map.of("securityEvent", EVENT, "eventTime", "10 Dec at 14:05"));
    variables.putAll(extra);
    String id = journeys.start(new StartJourneyRequest(PLAYBOOK, "security-" + UUID.randomUUID(), customer, variables),
        null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }
}
