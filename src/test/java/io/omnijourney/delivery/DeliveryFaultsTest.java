package io.omnijourney.delivery;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnijourney.channel.sandbox.SandboxCallbacks;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.delivery.Delivery.Correlation;
import io.omnijourney.support.JourneyTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Faults 2, 3, 4, 5 and 10 of docs/reliability.md: what providers' callbacks do to us, and what must hold. */
class DeliveryFaultsTest extends JourneyTest {

  @Autowired MeterRegistry meters;
  @Autowired ProviderEvents inbox;
  @Autowired JdbcClient jdbc;

  @Test
  void fault2_sameCallbackFiveTimesAtOnce_oneStatusChangeOneCorrelationFive2xx() throws Exception {
    ProcessInstance journey = waitingForSms();
    String body = reportBody("evt-" + UUID.randomUUID(), delivery(journey, "sms").providerMessageId(), "delivered",
        OffsetDateTime.now(ZoneOffset.UTC));
    String signature = SandboxCallbacks.sign(sandboxSecret, body);
    double correlationsBefore = correlations();

    List<Callable<ResponseEntity<String>>> posts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posts.add(() -> postWebhook(body, signature));
    }
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<HttpStatusCode> answers = new ArrayList<>();
    for (Future<ResponseEntity<String>> answer : pool.invokeAll(posts)) {
      answers.add(answer.get().getStatusCode());
    }
    pool.shutdown();

    assertThat(answers).hasSize(5).allMatch(HttpStatusCode::is2xxSuccessful);
    assertThat(events(delivery(journey, "sms").providerMessageId())).containsExactly("APPLIED");
    assertThat(correlations() - correlationsBefore).isEqualTo(1.0);
    assertThat(journey).isWaitingAt(WAIT_INVOICE);
  }

  @Test
  void fault3_deliveredBeforeSent_statusStaysDelivered() {
    ProcessInstance journey = waitingForSms();
    String sms = delivery(journey, "sms").providerMessageId();

    report(sms, "delivered");
    report(sms, "sent");

    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(events(sms)).containsExactly("APPLIED", "IGNORED");
    assertThat(journey).isWaitingAt(WAIT_INVOICE);
  }

  @Test
  void fault3_readBeforeDelivered_statusStaysRead() {
    ProcessInstance journey = waitingForSms();
    String sms = delivery(journey, "sms").providerMessageId();

    report(sms, "read");
    report(sms, "delivered");

    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.READ);
    assertThat(journey).isWaitingAt(WAIT_INVOICE);
  }

  @Test
  void fault3_failedAfterDelivered_terminalStatusStaysAndNoFallback() {
    ProcessInstance journey = waitingForSms();
    String sms = delivery(journey, "sms").providerMessageId();

    report(sms, "delivered");
    report(sms, "failed");

    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(journey).isWaitingAt(WAIT_INVOICE).hasNotPassed(SEND_WHATSAPP);
  }

  @Test
  void fault3_sentDoesNotCancelTheNotDeliveredTimer() {
    ProcessInstance journey = waitingForSms();

    report(delivery(journey, "sms").providerMessageId(), "sent");

    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(journey).isWaitingAt(WAIT_SMS);
    assertThat(job(journey, SMS_NOT_DELIVERED)).isNotNull();
  }

  @Test
  void fault3_deliveredAfterFailed_failureIsFinal() {
    ProcessInstance journey = waitingForSms();
    String sms = delivery(journey, "sms").providerMessageId();

    report(sms, "failed");
    report(sms, "delivered");

    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(journey).isWaitingAt(SEND_WHATSAPP);
  }

  @Test
  void fault4_wrongMissingStaleOrTamperedSignature_refusedAndNothingStoredOrCorrelated() {
    ProcessInstance journey = waitingForSms();
    String sms = delivery(journey, "sms").providerMessageId();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String good = reportBody("evt-" + UUID.randomUUID(), sms, "delivered", now);
    String stale = reportBody("evt-" + UUID.randomUUID(), sms, "delivered", now.minusHours(2));
    String tampered = good.replace("delivered", "failed");

    List<ResponseEntity<String>> answers = List.of(
        postWebhook(good, SandboxCallbacks.sign("not-the-secret", good)),
        postWebhook(good, null),
        postWebhook(good, "sha256="),
        postWebhook(stale, SandboxCallbacks.sign(sandboxSecret, stale)),
        postWebhook(tampered, SandboxCallbacks.sign(sandboxSecret, good)));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(401));
    assertThat(events(sms)).isEmpty();
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.ACCEPTED);
    assertThat(journey).isWaitingAt(WAIT_SMS);
  }

  @Test
  void fault5_callbackAndTimerAtTheSameMomentAcross1000Journeys_eachTakesOnePathWithoutIncidents() throws Exception {
    int journeys = 1000;
    sandbox("sms", Outcome.SILENT);
    List<ProcessInstance> started = new ArrayList<>();
    for (int i = 0; i < journeys; i++) {
      ProcessInstance journey = startOrderConfirmation();
      executeJob(journey, SEND_SMS);
      started.add(journey);
    }

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> races = new ArrayList<>();
    for (ProcessInstance journey : started) {
      CyclicBarrier sameMoment = new CyclicBarrier(2);
      Job timer = job(journey, SMS_NOT_DELIVERED);
      String sms = delivery(journey, "sms").providerMessageId();
      races.add(pool.submit(() -> {
        sameMoment.await(30, TimeUnit.SECONDS);
        fireLikeTheJobExecutor(timer.getId());
        return null;
      }));
      races.add(pool.submit(() -> {
        sameMoment.await(30, TimeUnit.SECONDS);
        assertThat(report(sms, "delivered").getStatusCode().is2xxSuccessful()).isTrue();
        return null;
      }));
    }
    for (Future<?> race : races) {
      race.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    // The shared context holds other tests' journeys (one ends in an incident on purpose): count ours.
    assertThat(started).allSatisfy(journey ->
        assertThat(runtime.createIncidentQuery().processInstanceId(journey.getId()).count()).isZero());
    int messageWon = 0;
    int timerWon = 0;
    for (ProcessInstance journey : started) {
      Delivery sms = delivery(journey, "sms");
      assertThat(sms.status()).isEqualTo(DeliveryStatus.DELIVERED);
      boolean atInvoice = job(journey, WAIT_INVOICE) != null;
      boolean atWhatsapp = job(journey, SEND_WHATSAPP) != null;
      assertThat(atInvoice ^ atWhatsapp).as("journey %s takes exactly one path", journey.getId()).isTrue();
      assertThat(sms.correlation()).isEqualTo(atInvoice ? Correlation.CORRELATED : Correlation.LATE);
      if (atInvoice) {
        messageWon++;
      } else {
        timerWon++;
      }
    }
    assertThat(messageWon + timerWon).isEqualTo(journeys);
  }

  /**
   * Fault 10: our webhook is unreachable for a while. The provider keeps its reports, and meanwhile
   * the journeys' "not delivered" timers fire: of twelve journeys waiting for their SMS, four hear
   * nothing before the webhook is back, four fall back and their WhatsApp is read, four fall back
   * and their SMS turns out failed. Then the provider posts all it kept at once, from several
   * threads, in no order, and each report a second time (it never saw our first answer).
   */
  @Test
  void fault10_webhookDownWhileTimersFire_everyStatusAppliedFallbacksStayLateReportsRecorded() throws Exception {
    sandbox("sms", Outcome.SILENT);
    sandbox("whatsapp", Outcome.SILENT);
    List<ProcessInstance> onTime = new ArrayList<>();
    List<ProcessInstance> fellBackAndRead = new ArrayList<>();
    List<ProcessInstance> fellBackAndFailed = new ArrayList<>();
    for (List<ProcessInstance> group : List.of(onTime, fellBackAndRead, fellBackAndFailed)) {
      for (int i = 0; i < 4; i++) {
        ProcessInstance journey = startOrderConfirmation();
        executeJob(journey, SEND_SMS);
        group.add(journey);
      }
    }
    List<String> kept = new ArrayList<>();
    onTime.forEach(journey -> kept.addAll(reports(delivery(journey, "sms"), "sent", "delivered")));
    fellBackAndRead.forEach(journey -> kept.addAll(reports(delivery(journey, "sms"), "sent", "delivered")));
    fellBackAndFailed.forEach(journey -> kept.addAll(reports(delivery(journey, "sms"), "sent", "failed")));
    for (ProcessInstance journey : concat(fellBackAndRead, fellBackAndFailed)) {
      executeJob(journey, SMS_NOT_DELIVERED);
      executeJob(journey, SEND_WHATSAPP);
    }
    fellBackAndRead.forEach(journey -> kept.addAll(reports(delivery(journey, "whatsapp"), "delivered", "read")));

    List<String> retries = new ArrayList<>(concat(kept, kept));
    Collections.shuffle(retries);
    ExecutorService provider = Executors.newFixedThreadPool(8);
    List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
    for (String body : retries) {
      answers.add(provider.submit(() -> postWebhook(body, SandboxCallbacks.sign(sandboxSecret, body))));
    }
    for (Future<ResponseEntity<String>> answer : answers) {
      assertThat(answer.get(60, TimeUnit.SECONDS).getStatusCode().is2xxSuccessful()).isTrue();
    }
    provider.shutdown();

    List<ProcessInstance> all = concat(onTime, concat(fellBackAndRead, fellBackAndFailed));
    List<String> deliveryIds = all.stream().flatMap(journey -> deliveriesOf(journey).stream()).map(Delivery::id).toList();
    assertThat(jdbc.sql("SELECT state FROM webhook_event WHERE delivery_id IN (:ids)").param("ids", deliveryIds)
        .query(String.class).list()).as("each report stored once and settled").hasSize(kept.size())
        .allMatch(state -> state.equals("APPLIED") || state.equals("IGNORED"));
    for (ProcessInstance journey : onTime) {
      assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(delivery(journey, "sms").correlation()).isEqualTo(Correlation.CORRELATED);
      assertThat(journey).isWaitingAt(WAIT_INVOICE).hasNotPassed(SEND_WHATSAPP);
    }
    for (ProcessInstance journey : fellBackAndRead) {
      assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(delivery(journey, "sms").correlation()).isEqualTo(Correlation.LATE);
      assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.READ);
      assertThat(delivery(journey, "whatsapp").correlation()).isEqualTo(Correlation.CORRELATED);
      assertThat(journey).isWaitingAt(WAIT_INVOICE).hasPassed(SEND_WHATSAPP);
    }
    for (ProcessInstance journey : fellBackAndFailed) {
      assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(delivery(journey, "sms").correlation()).isEqualTo(Correlation.LATE);
      assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.ACCEPTED);
      assertThat(journey).isWaitingAt(WAIT_WHATSAPP);
    }
    assertThat(all).allSatisfy(journey -> {
      assertThat(deliveriesOf(journey)).extracting(d -> d.channel().id())
          .isEqualTo(onTime.contains(journey) ? List.of("sms") : List.of("sms", "whatsapp"));
      assertThat(runtime.createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();
    });
    assertThat(outbox.list(null, null)).hasSize(onTime.size() + 2 * (fellBackAndRead.size() + fellBackAndFailed.size()));
  }

  /** The provider's reports of one message, signed bodies in the order it saw the statuses. */
  private static List<String> reports(Delivery delivery, String... statuses) {
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
    List<String> bodies = new ArrayList<>();
    for (String status : statuses) {
      bodies.add(reportBody("evt-" + UUID.randomUUID(), delivery.providerMessageId(), status, at));
    }
    return bodies;
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  /**
   * Executes a timer job as the job executor would: a job that fails because the report changed the
   * journey under it (an optimistic-locking clash, or a tree read half before and half after the
   * other commit) is retried while it exists; a job the report's commit deleted is done.
   */
  private void fireLikeTheJobExecutor(String jobId) {
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        management.executeJob(jobId);
        return;
      } catch (RuntimeException lostTheRace) {
        if (management.createJobQuery().jobId(jobId).count() == 0) {
          return;
        }
      }
    }
    throw new AssertionError("timer job " + jobId + " still fails after 10 attempts");
  }

  private ProcessInstance waitingForSms() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    assertThat(journey).isWaitingAt(WAIT_SMS);
    return journey;
  }

  private List<String> events(String providerMessageId) {
    return jdbc.sql("SELECT state FROM webhook_event WHERE provider_message_id = ? ORDER BY id")
        .param(providerMessageId)
        .query(String.class)
        .list();
  }

  private double correlations() {
    return meters.counter("omnijourney.correlations", "result", "correlated").count();
  }
}
