package io.omnijourney.playbooks;

import static io.omnijourney.support.PlaybookIds.AppointmentReminder.APPOINTMENT_TIME;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.CONFIRMATION_RECORDED;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.DAY_BEFORE;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.END_CANCELLED;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.END_CONFIRMED;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.END_CONFIRMED_LATE;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.END_NO_ANSWER;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.END_OPTED_OUT;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.END_TOO_LATE;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.FINAL_REMINDER;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.HOUR_BEFORE;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.PLAYBOOK;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.REMIND_DAY_BEFORE;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.REMIND_HOUR_BEFORE;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.Variables.APPOINTMENT_AT;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.Variables.CANCELLED;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.Variables.CONFIRMED;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.Variables.OPTED_OUT;
import static io.omnijourney.support.PlaybookIds.AppointmentReminder.Variables.UNCONFIRMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.conversation.Conversations;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every path of the appointment reminder: a day before, a reminder asking for 1 (confirm) or 2
 * (cancel); a yes gets "see you soon" an hour before, a no ends the journey at once with the outcome
 * cancelled, STOP with opted-out, whenever they come (also before the reminder is reported
 * delivered); without a yes a final reminder an hour before, then the appointment time; an
 * appointment nearer than a day (or an hour) skips what is too late. The patient answers through
 * the signed Telegram webhook, as a real reply would come. The engine clock stands at noon in Tehran
 * on 23 November 2026; the appointment is set relative to it.
 */
class AppointmentReminderJourneyTest extends JourneyTest {

  /** What the engine clock says in every test: noon in Tehran ({@link #daytimeInTehran()}). */
  static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, TEHRAN);
  static final String TIME_TEXT = "Thu 26 November at 10:30";

  @Autowired Conversations conversations;

  @BeforeEach
  void noonInTehran() {
    daytimeInTehran();
  }

  @Test
  void aDayBeforeTheAppointmentTheReminderAsksToConfirmOrCancel() {
    ZonedDateTime appointment = NOW.plusDays(3).withHour(10).withMinute(30);
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = start(patient, appointment);

    assertThat(journey).isWaitingAt(DAY_BEFORE);
    assertThat(job(journey, DAY_BEFORE).getDuedate()).isEqualTo(Date.from(appointment.minusDays(1).toInstant()));
    remindDayBefore(journey);

    assertThat(outbox.list(null, null)).extracting(Entry::channel, Entry::recipient)
        .containsExactly(Tuple.tuple("sms", patient.phone()));
    assertThat(outbox.list("sms", null).get(0).text()).contains(TIME_TEXT, "Reply 1 to confirm or 2 to cancel");
    assertThat(job(journey, HOUR_BEFORE).getDuedate()).isEqualTo(Date.from(appointment.minusHours(1).toInstant()));
  }

  @Test
  void aYesIsRecordedAndAnHourBeforeThePatientHearsSeeYouSoon() {
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = start(patient, NOW.plusDays(3));
    remindDayBefore(journey);

    answer(patient, "1");

    assertThat(journey).isWaitingAt(HOUR_BEFORE).hasPassed(CONFIRMATION_RECORDED);
    assertThat(records.reply(journey.getId())).isPresent();
    executeJob(journey, HOUR_BEFORE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isEnded().hasPassed(REMIND_HOUR_BEFORE, END_CONFIRMED)
        .hasNotPassed(FINAL_REMINDER));
    // The patient answered on Telegram: that is now their channel, and the hour-before message goes there.
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "telegram");
    assertThat(outbox.list("telegram", null).get(0).text()).startsWith("See you soon").contains(TIME_TEXT);
    assertThat(outcome(journey)).isEqualTo(CONFIRMED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aNoCancelsTheAppointmentAndTheApplicationReadsItFromTheJourney() {
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = start(patient, NOW.plusDays(3));
    remindDayBefore(journey);

    answer(patient, "2");

    assertThat(journey).isEnded().hasPassed(END_CANCELLED).hasNotPassed(REMIND_HOUR_BEFORE, FINAL_REMINDER);
    assertThat(job(journey, HOUR_BEFORE)).isNull();
    assertThat(outbox.list(null, null)).hasSize(1);
    JsonNode shown = api().getForObject("/api/journeys/" + journey.getId(), JsonNode.class);
    assertThat(shown.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(shown.path("outcome").asText()).isEqualTo(CANCELLED);
    assertThat(shown.path("reply").path("text").asText()).isEqualTo("2");
    assertThat(shown.path("reply").path("channel").asText()).isEqualTo("telegram");
  }

  @Test
  void anAnswerBeforeTheReminderIsReportedDeliveredCountsToo() {
    sandbox("sms", Outcome.SILENT);
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = start(patient, NOW.plusDays(3));
    executeJob(journey, DAY_BEFORE);
    sendNextChannel(journey);
    ProcessInstance reminder = calledBy(journey);
    assertThat(reminder).isWaitingAt(DeliverWithFallback.WAIT_DELIVERY);

    answer(patient, "нет");

    assertThat(journey).isEnded().hasPassed(END_CANCELLED);
    assertThat(reminder).isEnded();
    assertThat(outcome(journey)).isEqualTo(CANCELLED);
  }

  @Test
  void aPatientWhoConfirmedCanStillCancelBeforeTheHour() {
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = start(patient, NOW.plusDays(3));
    remindDayBefore(journey);

    answer(patient, "Yes");
    answer(patient, "no");

    assertThat(journey).isEnded().hasPassed(CONFIRMATION_RECORDED, END_CANCELLED).hasNotPassed(REMIND_HOUR_BEFORE);
    assertThat(outcome(journey)).isEqualTo(CANCELLED);
  }

  @Test
  void withoutAYesAFinalReminderAsksAgainAnHourBefore() {
    ZonedDateTime appointment = NOW.plusDays(3);
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = start(patient, appointment);
    remindDayBefore(journey);

    executeJob(journey, HOUR_BEFORE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isWaitingAt(APPOINTMENT_TIME).hasPassed(FINAL_REMINDER)
        .hasNotPassed(REMIND_HOUR_BEFORE));
    assertThat(outbox.list("sms", null)).extracting(Entry::text)
        .satisfiesExactly(first -> assertThat(first).startsWith("Reminder:"),
            second -> assertThat(second).contains("is soon", "Reply 1 for yes or 2 to cancel"));
    assertThat(job(journey, APPOINTMENT_TIME).getDuedate()).isEqualTo(Date.from(appointment.toInstant()));
  }

  @Test
  void aYesAfterTheFinalReminderEndsItConfirmedAtTheAppointmentTime() {
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = finalReminderSent(patient);

    answer(patient, "OK");
    assertThat(journey).isWaitingAt(APPOINTMENT_TIME).hasPassed(CONFIRMATION_RECORDED);
    executeJob(journey, APPOINTMENT_TIME);

    assertThat(journey).isEnded().hasPassed(END_CONFIRMED_LATE).hasNotPassed(REMIND_HOUR_BEFORE, END_NO_ANSWER);
    assertThat(outcome(journey)).isEqualTo(CONFIRMED);
    assertThat(outbox.list(null, null)).hasSize(2);
  }

  @Test
  void aNoAfterTheFinalReminderCancelsAtOnce() {
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = finalReminderSent(patient);

    answer(patient, "۲");

    assertThat(journey).isEnded().hasPassed(FINAL_REMINDER, END_CANCELLED);
    assertThat(outcome(journey)).isEqualTo(CANCELLED);
  }

  @Test
  void noAnswerByTheAppointmentTimeEndsUnconfirmed() {
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = finalReminderSent(patient);

    executeJob(journey, APPOINTMENT_TIME);

    assertThat(journey).isEnded().hasPassed(END_NO_ANSWER);
    assertThat(outcome(journey)).isEqualTo(UNCONFIRMED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
    assertThat(outbox.list(null, null)).hasSize(2);
  }

  @Test
  void aStopAfterTheFirstReminderEndsItWithNothingMoreSent() {
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = start(patient, NOW.plusDays(3));
    remindDayBefore(journey);

    answer(patient, "STOP");

    assertThat(journey).isEnded().hasPassed(END_OPTED_OUT).hasNotPassed(END_CANCELLED);
    assertThat(outcome(journey)).isEqualTo(OPTED_OUT);
    assertThat(records.reply(journey.getId())).hasValueSatisfying(reply -> assertThat(reply.optOut()).isTrue());
    assertThat(outbox.list(null, null)).hasSize(1);
  }

  @Test
  void aStopAfterTheFinalReminderEndsItToo() {
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = finalReminderSent(patient);

    answer(patient, "стоп");

    assertThat(journey).isEnded().hasPassed(END_OPTED_OUT).hasNotPassed(END_NO_ANSWER);
    assertThat(outcome(journey)).isEqualTo(OPTED_OUT);
  }

  @Test
  void aQuestionIsNoAnswerTheJourneyWaitsOnAndTheSupportTeamGetsIt() {
    CustomerUpdate patient = newCustomer();
    ProcessInstance journey = start(patient, NOW.plusDays(3));
    remindDayBefore(journey);

    answer(patient, "Where is the clinic? Is there parking?");

    assertThat(journey).isWaitingAt(HOUR_BEFORE).hasNotPassed(CONFIRMATION_RECORDED);
    assertThat(records.reply(journey.getId())).isEmpty();
    assertThat(conversations.openOf(patient.id())).isPresent();
  }

  @Test
  void anAppointmentLessThanADayAwayGetsNoDayBeforeReminder() {
    ZonedDateTime appointment = NOW.plusHours(5);
    ProcessInstance journey = start(newCustomer(), appointment);

    assertThat(journey).isWaitingAt(HOUR_BEFORE).hasNotPassed(DAY_BEFORE, REMIND_DAY_BEFORE);
    assertThat(job(journey, HOUR_BEFORE).getDuedate()).isEqualTo(Date.from(appointment.minusHours(1).toInstant()));
    assertThat(outbox.list(null, null)).isEmpty();
    executeJob(journey, HOUR_BEFORE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(APPOINTMENT_TIME));
    assertThat(outbox.list(null, null)).hasSize(1);
  }

  @Test
  void anAppointmentLessThanAnHourAwayGetsTheFinalReminderAtOnce() {
    ProcessInstance journey = start(newCustomer(), NOW.plusMinutes(40));

    assertThat(journey).isWaitingAt(FINAL_REMINDER).hasNotPassed(HOUR_BEFORE, REMIND_DAY_BEFORE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(APPOINTMENT_TIME));
    assertThat(outbox.list("sms", null)).extracting(Entry::text).singleElement().asString().contains("is soon");
  }

  @Test
  void anAppointmentAlreadyPassedSendsNothingAndFails() {
    String id = startJourney(newCustomer(), NOW.minusHours(1));

    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id).finished()
        .list()).extracting(a -> a.getActivityId()).contains(END_TOO_LATE).doesNotContain(DAY_BEFORE, FINAL_REMINDER);
    assertThat(records.find(id).orElseThrow().status()).isEqualTo(JourneyStatus.FAILED);
    assertThat(outbox.list(null, null)).isEmpty();
  }

  @Test
  void theRemindersAreTransactionalAndGoInTheNightToo() {
    ZonedDateTime appointment = NOW.plusDays(2).withHour(7).withMinute(0);
    ProcessInstance journey = start(newCustomer(), appointment);
    ClockUtil.setCurrentTime(Date.from(appointment.minusDays(1).toInstant())); // 07:00, inside quiet hours

    executeJob(journey, DAY_BEFORE);
    ProcessInstance reminder = calledBy(journey);
    executeJob(reminder, DeliverWithFallback.CHOOSE_CHANNEL);

    assertThat(reminder).isWaitingAt(DeliverWithFallback.SEND).hasNotPassed(DeliverWithFallback.WAIT_CONTACT_WINDOW);
    executeJob(reminder, DeliverWithFallback.SEND);
    assertThat(outbox.list(null, null)).hasSize(1);
  }

  @Test
  void startedOverTheApiARussianPatientConfirmsOnWhatsappAndIsRemindedAnHourBefore() {
    String phone = "+7916" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    String key = "appointment-" + UUID.randomUUID();
    ResponseEntity<JsonNode> started = api().postForEntity("/api/journeys", Map.of(
        "playbook", PLAYBOOK, "businessKey", key,
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "whatsapp", phone, "locale", "ru",
            "timeZone", "Europe/Moscow"),
        "variables", Map.of(APPOINTMENT_AT, "2026-11-26T10:30:00+03:00", "appointmentTime", "чт, 26 ноября, 10:30",
            "clinicName", "клиника «Здоровье»", "reminderTimeout", "PT10M")), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance journey = runtime.createProcessInstanceQuery()
        .processInstanceId(started.getBody().path("journeyId").asText()).singleResult();

    remindDayBefore(journey);
    assertThat(outbox.list(null, null)).extracting(Entry::channel, Entry::recipient)
        .containsExactly(Tuple.tuple("whatsapp", phone));
    assertThat(outbox.list("whatsapp", null).get(0).text()).contains("Напоминаем", "чт, 26 ноября, 10:30", "*1*");
    postWhatsappWebhook(whatsappMessage(phone, "wamid.answer-" + UUID.randomUUID(), "Да"));
    assertThat(journey).isWaitingAt(HOUR_BEFORE).hasPassed(CONFIRMATION_RECORDED);
    executeJob(journey, HOUR_BEFORE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_CONFIRMED));
    assertThat(outbox.list("whatsapp", null).get(1).text()).contains("Скоро увидимся");
    JsonNode shown = api().getForObject("/api/journeys/" + journey.getId(), JsonNode.class);
    assertThat(shown.path("outcome").asText()).isEqualTo(CONFIRMED);
    assertThat(shown.path("reply").path("text").asText()).isEqualTo("Да");
  }

  @Test
  void aStartWithoutTheAppointmentOrWithAnUnreadableOneIsRefusedNamingTheField() {
    Map<String, Object> variables = new HashMap<>(Map.of("appointmentTime", TIME_TEXT, "clinicName", "Dr Karimi's clinic"));
    ResponseEntity<JsonNode> missing = startOverApi(PLAYBOOK, variables);
    variables.put(APPOINTMENT_AT, "Thursday 10:30");
    ResponseEntity<JsonNode> unreadable = startOverApi(PLAYBOOK, variables);
    variables.put(APPOINTMENT_AT, "2026-11-26T10:30:00");
    ResponseEntity<JsonNode> withoutOffset = startOverApi(PLAYBOOK, variables);

    for (ResponseEntity<JsonNode> refused : List.of(missing, unreadable, withoutOffset)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().path("errors").toString()).contains("variables.appointmentAt");
    }
    assertThat(missing.getBody().path("errors").toString()).contains("when the appointment is");
    assertThat(unreadable.getBody().path("errors").toString()).contains("date-time");
  }

  // ---- helpers ----

  /** Fires the day-before timer and sends the reminder on the first channel; the sandbox delivers it. */
  private void remindDayBefore(ProcessInstance journey) {
    executeJob(journey, DAY_BEFORE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(HOUR_BEFORE).hasPassed(REMIND_DAY_BEFORE));
  }

  /** A journey whose day-before reminder went unanswered and whose final reminder was sent. */
  private ProcessInstance finalReminderSent(CustomerUpdate patient) {
    ProcessInstance journey = start(patient, NOW.plusDays(3));
    remindDayBefore(journey);
    executeJob(journey, HOUR_BEFORE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(APPOINTMENT_TIME));
    return journey;
  }

  /** The patient writes to the clinic's Telegram bot. */
  private void answer(CustomerUpdate patient, String text) {
    assertThat(postTelegramWebhook(telegramUpdate(newUpdateId(), patient.telegramChatId(), text), telegramSecret)
        .getStatusCode().value()).isEqualTo(200);
  }

  private String outcome(ProcessInstance journey) {
    return records.find(journey.getId()).orElseThrow().outcome();
  }

  private ProcessInstance start(CustomerUpdate patient, ZonedDateTime appointment) {
    String id = startJourney(patient, appointment);
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private String startJourney(CustomerUpdate patient, ZonedDateTime appointment) {
    var request = new StartJourneyRequest(PLAYBOOK, "appointment-" + UUID.randomUUID(), patient, Map.of(
        APPOINTMENT_AT, appointment.toOffsetDateTime().toString(), "appointmentTime", TIME_TEXT,
        "clinicName", "Dr Karimi's clinic"));
    return journeys.start(request, null).journey().id();
  }

}
