package io.omnijourney.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.channel.sandbox.SandboxCallbacks;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.channel.Channel;
import io.omnijourney.customer.Customers;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.customer.ProfileChanges;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.SupportConversation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The support conversation in the running application: customers' messages through the webhooks,
 * operators through /api/conversations, every job and timer executed by the test on the engine clock.
 */
class SupportConversationJourneyTest extends ConversationTest {

  @Test
  void aTelegramMessageFromAnUnknownChatOpensAConversationWithANewProfileAndTheNextMessageJoinsIt() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "Hello, my order 1001 has not arrived yet");
    assertThat(conversation.status()).isEqualTo(ConversationStatus.OPEN);
    assertThat(conversation.topic()).isEqualTo("order-not-arrived");
    assertThat(conversation.queue()).isEqualTo("support");
    assertThat(conversation.channel()).isEqualTo("telegram");
    assertThat(customers.find(conversation.customerId()).orElseThrow().telegramChatId()).isEqualTo(chat);
    assertThat(customers.find(conversation.customerId()).orElseThrow().locale()).isEqualTo("en");

    Task answer = answerTask(conversation);
    assertThat((String) tasks.getVariable(answer.getId(), "conversationHistory"))
        .contains("my order 1001 has not arrived yet");
    telegram(chat, "Any news?");
    assertThat((String) tasks.getVariable(answer.getId(), "conversationHistory")).contains("Any news?");
    assertThat(conversations.ofCustomer(conversation.customerId())).hasSize(1);
    JsonNode detail = detail(conversation.conversationId());
    assertThat(detail.path("messages")).hasSize(2);
    assertThat(detail.path("messages").path(1).path("text").asText()).isEqualTo("Any news?");
    assertThat(detail.path("messages").path(0).path("direction").asText()).isEqualTo("IN");
  }

  @Test
  void anEmailFromTheCustomersKnownAddressJoinsTheSameProfileAndConversation() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "Where is my order?");
    String email = "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    customers.upsert(new ProfileChanges(conversation.customerId(), null, email, null, null, null, null, null, null));

    sandboxMessage("email", email.toUpperCase(), "Sending the photo of the parcel by mail");
    assertThat(conversations.ofCustomer(conversation.customerId())).hasSize(1);
    assertThat(detail(conversation.conversationId()).path("messages")).hasSize(2);
    assertThat(conversations.find(conversation.conversationId()).orElseThrow().channel()).isEqualTo("email");
  }

  @Test
  void anEmailThatAnswersOurAcknowledgementThreadsIntoItsConversationEvenFromAnotherAddress() {
    clock(MONDAY_NOON);
    Known known = knownCustomer("en");
    String chat = known.chat();
    String email = known.email();
    String id = known.id();
    Conversation conversation = opened(chat, "Where is my order?");
    executeJob(journeyOf(conversation), SupportConversation.ACKNOWLEDGE);
    String ourMessageId = outbox.list("email", email).get(0).providerMessageId();

    // The customer answers our email from their work address, which no profile has.
    String work = "w" + UUID.randomUUID().toString().substring(0, 8) + "@work.example";
    inbox.store(new CustomerMessages.Received(Channel.EMAIL, "smtp", "<" + UUID.randomUUID() + "@mail.example>", work,
        "Any news?", OffsetDateTime.now(ZoneOffset.UTC), List.of(ourMessageId)));
    assertThat(detail(conversation.conversationId()).path("messages")).hasSize(3);
    assertThat(conversations.ofCustomer(id)).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM conversation c JOIN customer p ON p.id = c.customer_id WHERE p.email = ?")
        .param(work).query(Long.class).single()).isZero();
  }

  @Test
  void theAcknowledgementGoesByEmailWhenKnownClaimMakesTheOwnerASecondClaimIs409AndASupervisorAssigns() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "My invoice did not arrive");
    assertThat(conversation.topic()).isEqualTo("invoice-not-arrived");
    assertThat(conversation.queue()).isEqualTo("billing");
    // Without an email the acknowledgement goes on the customer's channel.
    ProcessInstance journey = journeyOf(conversation);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    assertThat(outbox.list("telegram", chat)).singleElement()
        .satisfies(e -> assertThat(e.text()).contains(conversation.ticketNumber()));

    String anna = operator("billing");
    String boris = operator("billing");
    String sue = user("supervisors");
    ResponseEntity<String> claimed = as(anna).postForEntity(url(conversation, "claim"), null, String.class);
    assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(conversations.find(conversation.conversationId()).orElseThrow().assignee()).isEqualTo(anna);
    assertThat(answerTask(conversation).getAssignee()).isEqualTo(anna);

    ResponseEntity<String> second = as(boris).postForEntity(url(conversation, "claim"), null, String.class);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(second.getHeaders().getContentType().toString()).contains("problem+json");

    assertThat(as(boris).postForEntity(url(conversation, "assign"), Map.of("assignee", boris), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as(sue).postForEntity(url(conversation, "assign"), Map.of("assignee", boris), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answerTask(conversation).getAssignee()).isEqualTo(boris);
    assertThat(conversations.find(conversation.conversationId()).orElseThrow().assignee()).isEqualTo(boris);

    // An operator of another queue does not see it.
    String olga = operator("sales");
    assertThat(as(olga).getForEntity(url(conversation, ""), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theAcknowledgementGoesByEmailWhenTheCustomerHasOne() {
    clock(MONDAY_NOON);
    Known known = knownCustomer("ru");
    String chat = known.chat();
    String email = known.email();
    String id = known.id();
    Conversation conversation = opened(chat, "Здравствуйте, заказ не пришел");
    assertThat(conversation.customerId()).isEqualTo(id);
    executeJob(journeyOf(conversation), SupportConversation.ACKNOWLEDGE);
    assertThat(outbox.list("email", email)).hasSize(1);
    assertThat(outbox.list("telegram", chat)).isEmpty();
  }

  @Test
  void aMessageAt1750EscalatesAt0920OnTheNextWorkingDayNotAt1820() {
    // Friday 17:50: the answer is due Monday 09:20 (working hours 09:00-18:00, Monday to Friday).
    clock(Instant.parse("2026-12-11T17:50:00Z"));
    String chat = newChatId();
    Conversation conversation = opened(chat, "Do you have this in stock?");
    assertThat(conversation.queue()).isEqualTo("sales");
    ProcessInstance journey = journeyOf(conversation);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    Job sla = job(journey, SupportConversation.FIRST_RESPONSE_DUE);
    assertThat(sla.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-12-14T09:20:00Z"));
    assertThat(conversations.find(conversation.conversationId()).orElseThrow().firstResponseDueAt().toInstant())
        .isEqualTo(Instant.parse("2026-12-14T09:20:00Z"));
    assertThat(answerTask(conversation).getDueDate().toInstant()).isEqualTo(Instant.parse("2026-12-14T09:20:00Z"));

    clock(Instant.parse("2026-12-14T09:21:00Z"));
    management.executeJob(sla.getId());
    Conversation breached = conversations.find(conversation.conversationId()).orElseThrow();
    assertThat(breached.breached()).isTrue();
    assertThat(tasks.getIdentityLinksForTask(answerTask(conversation).getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("supervisors"));
    assertThat(answerTask(conversation).getPriority()).isEqualTo(100);
  }

  @Test
  void outsideWorkingHoursTheCustomerGetsTheAwayReplyOnceInsteadOfTheAcknowledgement() {
    clock(Instant.parse("2026-12-12T10:00:00Z")); // Saturday
    String chat = newChatId();
    Conversation conversation = opened(chat, "Hello?");
    ProcessInstance journey = journeyOf(conversation);
    assertThat(job(journey, SupportConversation.ACKNOWLEDGE)).isNull();
    executeJob(journey, SupportConversation.AWAY_REPLY);
    assertThat(outbox.list("telegram", chat)).singleElement()
        .satisfies(e -> assertThat(e.text()).contains("Mon 2026-12-14 09:00"));
    telegram(chat, "Anyone there?");
    assertThat(job(journey, SupportConversation.AWAY_REPLY)).isNull();
    assertThat(outbox.list("telegram", chat)).hasSize(1);
  }

  @Test
  void aMessageAfterHoursInAnOpenConversationGetsTheAwayReplyOnce() {
    clock(Instant.parse("2026-12-07T17:50:00Z"));
    String chat = newChatId();
    Conversation conversation = opened(chat, "Where is my order?");
    ProcessInstance journey = journeyOf(conversation);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    assertThat(job(journey, SupportConversation.LATE_AWAY_REPLY)).isNull();

    clock(Instant.parse("2026-12-07T19:00:00Z"));
    telegram(chat, "Hello? Anyone?");
    executeJob(journey, SupportConversation.LATE_AWAY_REPLY);
    assertThat(outbox.list("telegram", chat)).hasSize(2).last()
        .satisfies(e -> assertThat(e.text()).contains("Tue 2026-12-08 09:00"));
    telegram(chat, "Still nobody?");
    assertThat(job(journey, SupportConversation.LATE_AWAY_REPLY)).isNull();
    assertThat(detail(conversation.conversationId()).path("messages")).hasSize(5);
  }

  @Test
  void aViberMessageOpensAConversationAndTheSandboxRefusesAForgedOrStaleMessageStoringNothing() {
    clock(MONDAY_NOON);
    String viberId = "v" + UUID.randomUUID().toString().substring(0, 12) + "=";
    String event = """
        {"event": "message", "timestamp": %d, "chat_hostname": "SN-376_", "message_token": %d,
         "sender": {"id": "%s", "name": "Sara", "language": "fa", "country": "IR", "api_version": 10},
         "message": {"text": "سلام، سفارشم نرسیده", "type": "text"}, "silent": false}"""
        .formatted(System.currentTimeMillis(), newUpdateId(), viberId);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("X-Viber-Content-Signature", io.omnijourney.channel.Signatures.hmacSha256Hex(viberToken,
        event.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(http.postForEntity("/webhooks/viber", new HttpEntity<>(event.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        headers), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    String customer = jdbc.sql("SELECT id FROM customer WHERE viber_id = ?").param(viberId).query(String.class).single();
    Conversation conversation = conversations.ofCustomer(customer).get(0);
    assertThat(conversation.channel()).isEqualTo("viber");
    assertThat(conversation.topic()).isEqualTo("order-not-arrived");
    assertThat(customers.find(customer).orElseThrow().locale()).isEqualTo("fa");

    String from = "5" + newChatId();
    String forged = """
        {"eventId": "%s", "type": "message", "channel": "telegram", "from": "%s", "text": "hi", "at": "%s"}"""
        .formatted(UUID.randomUUID(), from, OffsetDateTime.now(ZoneOffset.UTC));
    assertThat(postWebhook(forged, SandboxCallbacks.sign("another-secret", forged)).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    String stale = """
        {"eventId": "%s", "type": "message", "channel": "telegram", "from": "%s", "text": "hi", "at": "%s"}"""
        .formatted(UUID.randomUUID(), from, OffsetDateTime.now(ZoneOffset.UTC).minusHours(2));
    assertThat(postWebhook(stale, SandboxCallbacks.sign(sandboxSecret, stale)).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE telegram_chat_id = ?").param(from)
        .query(Long.class).single()).isZero();
  }

  @Test
  void noAnswerInTwoHoursSendsTheApologyWithTheCallOfferAndALoggedCallSendsTheSummaryEmail() {
    clock(MONDAY_NOON);
    Known known = knownCustomer("en");
    String chat = known.chat();
    String email = known.email();
    String id = known.id();
    Conversation conversation = opened(chat, "The parcel is damaged, I want a replacement");
    assertThat(conversation.topic()).isEqualTo("replacement");
    ProcessInstance journey = journeyOf(conversation);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    Job apology = job(journey, SupportConversation.APOLOGY_DUE);
    assertThat(apology.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-12-07T14:00:00Z"));
    management.executeJob(apology.getId());
    executeJob(journey, SupportConversation.SEND_APOLOGY);
    assertThat(outbox.list("email", email)).hasSize(2);

    String anna = operator("support");
    ResponseEntity<String> call = as(anna).postForEntity(url(conversation, "calls"),
        Map.of("outcome", "REACHED", "summary", "A new parcel goes out tomorrow", "durationSeconds", 120), String.class);
    assertThat(call.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(tasks.createTaskQuery().processInstanceId(journey.getId()).taskDefinitionKey(SupportConversation.CALL).count())
        .isZero();
    executeJob(journey, SupportConversation.CALL_SUMMARY);
    List<Entry> mails = outbox.list("email", email);
    assertThat(mails).hasSize(3);
    assertThat(mails.get(2).text()).contains("A new parcel goes out tomorrow");
    assertThat(detail(conversation.conversationId()).path("calls").path(0).path("outcome").asText()).isEqualTo("REACHED");
  }

  @Test
  void aReplyGoesOutOnTheCustomersChannelAndAFailedOneFallsBackAndShowsInTheThread() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    String id = "cust-" + UUID.randomUUID();
    String phone = "+98912" + (1_000_000 + (int) (Math.random() * 8_000_000));
    customers.upsert(new ProfileChanges(id, phone, null, null, chat, null, null, "en", null));
    Conversation conversation = opened(chat, "Where is my order?");
    ProcessInstance journey = journeyOf(conversation);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    String anna = operator("support");

    ResponseEntity<String> reply = as(anna).postForEntity(url(conversation, "replies"),
        Map.of("text", "It is on its way, card 4111 1111 1111 1111 is not needed"), String.class);
    assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(reply.getBody()).doesNotContain("4111 1111 1111 1111").contains("**** **** **** 1111");
    assertThat(conversations.find(conversation.conversationId()).orElseThrow().status())
        .isEqualTo(ConversationStatus.WAITING_FOR_CUSTOMER);
    sendNextChannel(journey);
    assertThat(outbox.list("telegram", chat)).last()
        .satisfies(e -> assertThat(e.text()).startsWith("It is on its way"));
    JsonNode out = reply(conversation, readTree(reply.getBody()).path("replyId").asText());
    assertThat(out.path("author").asText()).isEqualTo(anna);
    assertThat(out.path("channel").asText()).isEqualTo("telegram");
    assertThat(out.path("deliveryStatus").asText()).isIn("ACCEPTED", "SENT", "DELIVERED");

    // A follow-up on a channel that fails falls back to the next one, and the thread shows both.
    sandbox("sms", Outcome.FAIL);
    ResponseEntity<String> followUp = as(anna).postForEntity(url(conversation, "replies"),
        Map.of("text", "Tracking number: 123", "channel", "sms"), String.class);
    assertThat(followUp.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String followUpId = readTree(followUp.getBody()).path("replyId").asText();
    assertThat(readTree(followUp.getBody()).path("deliveryStatus").asText()).isEqualTo("PENDING");
    sendNextChannel(journey);
    ProcessInstance message = calledBy(journey);
    eventually(() -> assertThat(outbox.list("sms", phone)).hasSize(1));
    reportLatest("sms", phone, "failed");
    sendNextChannel(journey);
    JsonNode fallback = reply(conversation, followUpId);
    assertThat(fallback.path("deliveries")).hasSize(2);
    assertThat(fallback.path("deliveries").path(0).path("status").asText()).isEqualTo("FAILED");
    assertThat(fallback.path("channel").asText()).isNotEqualTo("sms");
    assertThat(message).isNotNull();
  }

  @Test
  void resolveSendsTheSurveyTheAnswer5IsRecordedAndALaterMessageOnTheSameTopicIsARepeatContact() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "My order has not arrived");
    ProcessInstance journey = journeyOf(conversation);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    String anna = operator("support");
    assertThat(as(anna).postForEntity(url(conversation, "resolve"), Map.of("resolution", "Delivered today"),
        String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as(anna).postForEntity(url(conversation, "resolve"), Map.of(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    executeJob(journey, SupportConversation.SEND_SURVEY);
    assertThat(outbox.list("telegram", chat)).last()
        .satisfies(e -> assertThat(e.text()).contains("5"));

    telegram(chat, "5");
    Conversation rated = conversations.find(conversation.conversationId()).orElseThrow();
    assertThat(rated.csat()).isEqualTo(5);
    assertThat(rated.status()).isEqualTo(ConversationStatus.RESOLVED);
    assertThat(conversations.ofCustomer(conversation.customerId())).hasSize(1);

    telegram(chat, "The order has not arrived again");
    List<Conversation> all = conversations.ofCustomer(conversation.customerId());
    assertThat(all).hasSize(2);
    Conversation again = all.stream().filter(c -> !c.conversationId().equals(conversation.conversationId()))
        .findFirst().orElseThrow();
    assertThat(again.repeatContact()).isTrue();
    assertThat(again.topic()).isEqualTo("order-not-arrived");
    assertThat(rated.repeatContact()).isFalse();
  }

  @Test
  void theCustomerWritingAgainMakesItTheOwnersTurnAgainAndSilenceClosesItWithTheSurvey() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "Where is my order?");
    ProcessInstance journey = journeyOf(conversation);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    String anna = operator("support");
    as(anna).postForEntity(url(conversation, "claim"), null, String.class);
    as(anna).postForEntity(url(conversation, "replies"), Map.of("text", "Checking with the courier"), String.class);
    assertThat(answerTask(conversation)).isNull();
    assertThat(status(conversation)).isEqualTo(ConversationStatus.WAITING_FOR_CUSTOMER);

    telegram(chat, "Thanks, and the invoice?");
    assertThat(status(conversation)).isEqualTo(ConversationStatus.OPEN);
    assertThat(answerTask(conversation).getAssignee()).isEqualTo(anna);
    assertThat((String) tasks.getVariable(answerTask(conversation).getId(), "conversationHistory"))
        .contains("Checking with the courier").contains("Thanks, and the invoice?");

    as(anna).postForEntity(url(conversation, "replies"), Map.of("text", "Sent again"), String.class);
    executeJob(journey, SupportConversation.CUSTOMER_SILENT);
    assertThat(status(conversation)).isEqualTo(ConversationStatus.RESOLVED);
    executeJob(journey, SupportConversation.SEND_SURVEY);
    Job timeout = job(journey, "Timer_SurveyTimeout");
    management.executeJob(timeout.getId());
    assertThat(conversations.find(conversation.conversationId()).orElseThrow().csat()).isNull();
    // The replies' deliveries still finish after the conversation closed; then the journey ends.
    List<ProcessInstance> replies = runtime.createProcessInstanceQuery().superProcessInstanceId(journey.getId()).list();
    assertThat(replies).hasSize(2);
    for (ProcessInstance reply : replies) {
      sendNextChannel(reply);
    }
    assertThat(outbox.list("telegram", chat)).extracting(Entry::text)
        .contains("Checking with the courier", "Sent again");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey.getId()).count()).isZero();
  }

  @Test
  void aCallLoggedWithoutACallTaskStillSendsTheSummaryEmail() {
    clock(MONDAY_NOON);
    Known known = knownCustomer("fa");
    Conversation conversation = opened(known.chat(), "سلام، سفارشم نرسیده");
    ProcessInstance journey = journeyOf(conversation);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    String anna = operator("support");
    assertThat(as(anna).postForEntity(url(conversation, "calls"),
        Map.of("outcome", "CALL_BACK", "summary", "فردا ساعت ۱۰ تماس می‌گیریم"), String.class).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    executeJob(journey, SupportConversation.LOGGED_CALL_SUMMARY);
    Entry summary = outbox.list("email", known.email()).get(1);
    assertThat(summary.text()).contains("فردا ساعت ۱۰ تماس می‌گیریم");
    assertThat(thread(conversation).path("calls").path(0).path("author").asText()).isEqualTo(anna);
  }

  @Test
  void anOperatorAnswersInTasklistsFormAndIsTheReplysAuthor() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "Hi, price of the red one?");
    ProcessInstance journey = journeyOf(conversation);
    String olga = operator("sales");
    Task task = answerTask(conversation);
    tasks.claim(task.getId(), olga);
    assertThat(conversations.find(conversation.conversationId()).orElseThrow().assignee()).isEqualTo(olga);
    identity.setAuthenticatedUserId(olga);
    try {
      tasks.complete(task.getId(), Map.of("action", "reply", "replyText", "It is 25 EUR"));
    } finally {
      identity.clearAuthentication();
    }
    JsonNode reply = thread(conversation).path("messages").path(1);
    assertThat(reply.path("author").asText()).isEqualTo(olga);
    assertThat(reply.path("text").asText()).isEqualTo("It is 25 EUR");
    sendNextChannel(journey);
    assertThat(outbox.list("telegram", chat)).last().satisfies(e -> assertThat(e.text()).isEqualTo("It is 25 EUR"));
  }

  @Test
  void anEditedDecisionTableChangesTheTopicOfNewConversationsWithoutACodeChange() {
    clock(MONDAY_NOON);
    String dmn = new String(readResource("/support-topics.dmn"))
        .replace("\"order-not-arrived\"</text></outputEntry>", "\"delivery-delay\"</text></outputEntry>");
    engine.getRepositoryService().createDeployment().addString("support-topics.dmn", dmn).deploy();
    try {
      String chat = newChatId();
      telegram(chat, "My order has not arrived");
      assertThat(conversationOfChat(chat).topic()).isEqualTo("delivery-delay");
    } finally {
      String original = new String(readResource("/support-topics.dmn"));
      engine.getRepositoryService().createDeployment().addString("support-topics.dmn", original).deploy();
    }
  }

  @Test
  void aCardNumberNeverReachesTheDatabaseOrTheApi() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "Refund to my card 4111-1111-1111-1111 please, order 1234567890123");
    String stored = jdbc.sql("SELECT body FROM inbound_message WHERE conversation_id = ?")
        .param(conversation.conversationId()).query(String.class).single();
    assertThat(stored).doesNotContain("4111-1111-1111-1111").contains("**** **** **** 1111")
        .contains("1234567890123");
    String anna = operator("support");
    as(anna).postForEntity(url(conversation, "notes"), Map.of("text", "Customer gave card 5500 0000 0000 0004"),
        String.class);
    String detail = as(anna).getForObject(url(conversation, ""), String.class);
    assertThat(detail).doesNotContain("4111-1111-1111-1111").doesNotContain("5500 0000 0000 0004")
        .contains("**** **** **** 1111").contains("**** **** **** 0004");
  }

  @Test
  void notesAreInternalLabelsAreReplacedAndBadInputIsRefusedFieldByField() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "Hi, price of the blue one?");
    String olga = operator("sales");
    ResponseEntity<String> note = as(olga).postForEntity(url(conversation, "notes"), Map.of("text", "VIP customer"),
        String.class);
    assertThat(note.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(note.getBody()).contains(olga).contains("VIP customer");
    assertThat(outbox.list("telegram", chat)).isEmpty();
    ResponseEntity<String> labels = as(olga).exchange(url(conversation, "labels"), HttpMethod.PUT,
        new HttpEntity<>(List.of("new-lead", "needs-follow-up")), String.class);
    assertThat(labels.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(conversations.find(conversation.conversationId()).orElseThrow().labels())
        .containsExactly("needs-follow-up", "new-lead");
    assertThat(as(olga).getForObject("/api/conversations?label=new-lead", String.class))
        .contains(conversation.conversationId());
    ResponseEntity<String> bad = as(olga).exchange(url(conversation, "labels"), HttpMethod.PUT,
        new HttpEntity<>(List.of("Bad Label")), String.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("[0]");
    ResponseEntity<String> both = as(olga).postForEntity(url(conversation, "replies"),
        Map.of("text", "x", "template", "support-canned-thanks"), String.class);
    assertThat(both.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as(olga).postForEntity("/api/conversations/nope/claim", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(as(olga).postForEntity(url(conversation, "calls"), Map.of("outcome", "MAYBE"), String.class)
        .getBody()).contains("outcome");
    JsonNode notes = detail(conversation.conversationId()).path("notes");
    assertThat(notes).hasSize(1);
    assertThat(notes.path(0).path("author").asText()).isEqualTo(olga);
  }

  @Test
  void aCannedReplyGoesOutInTheCustomersLanguageAndOneMissingAVariableIsRefused() {
    clock(MONDAY_NOON);
    Known known = knownCustomer("ru");
    Conversation conversation = opened(known.chat(), "Где мой заказ?");
    String anna = operator("support");
    ResponseEntity<String> missing = as(anna).postForEntity(url(conversation, "replies"),
        Map.of("template", "support-canned-order-status"), String.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missing.getBody()).contains("variables").contains("orderNumber");
    ResponseEntity<String> unknown = as(anna).postForEntity(url(conversation, "replies"),
        Map.of("template", "no-such-template"), String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody()).contains("template");

    ResponseEntity<String> canned = as(anna).postForEntity(url(conversation, "replies"),
        Map.of("template", "support-canned-order-status", "variables", Map.of("orderNumber", "1001")), String.class);
    assertThat(canned.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode reply = readTree(canned.getBody());
    assertThat(reply.path("template").asText()).isEqualTo("support-canned-order-status");
    assertThat(reply.path("text").asText()).contains("1001").containsPattern("[А-Яа-я]");
    sendNextChannel(journeyOf(conversation));
    assertThat(outbox.list("telegram", known.chat())).last()
        .satisfies(e -> assertThat(e.text()).isEqualTo(reply.path("text").asText()));
  }

  @Test
  void erasingTheCustomerRemovesTheirConversationsRepliesNotesCallsAndLabels() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "Where is my order?");
    ProcessInstance journey = journeyOf(conversation);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    String anna = operator("support");
    as(anna).postForEntity(url(conversation, "notes"), Map.of("text", "Asked twice already"), String.class);
    as(anna).exchange(url(conversation, "labels"), HttpMethod.PUT, new HttpEntity<>(List.of("vip")), String.class);
    as(anna).postForEntity(url(conversation, "calls"), Map.of("outcome", "NO_ANSWER"), String.class);
    as(anna).postForEntity(url(conversation, "replies"), Map.of("text", "On its way"), String.class);
    assertThat(engine.getTaskService().getProcessInstanceComments(journey.getId())).hasSize(1);

    assertThat(api().exchange("/api/customers/" + conversation.customerId(), HttpMethod.DELETE, null, String.class)
        .getStatusCode().is2xxSuccessful()).isTrue();
    String id = conversation.conversationId();
    for (String table : List.of("conversation_reply", "conversation_call", "conversation_label", "inbound_message")) {
      assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE conversation_id = ?").param(id)
          .query(Long.class).single()).as(table).isZero();
    }
    assertThat(conversations.find(id)).isEmpty();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_COMMENT WHERE PROC_INST_ID_ = ?").param(journey.getId())
        .query(Long.class).single()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey.getId()).count()).isZero();
  }

  @Test
  void wordsOlderThanTheRetentionPeriodAreClearedAndTheCountsStay() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "Where is my order?");
    String anna = operator("support");
    as(anna).postForEntity(url(conversation, "replies"), Map.of("text", "On its way"), String.class);
    String id = conversation.conversationId();
    OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusYears(2);
    jdbc.sql("UPDATE inbound_message SET received_at = ? WHERE conversation_id = ?").params(longAgo, id).update();
    jdbc.sql("UPDATE conversation_reply SET created_at = ? WHERE conversation_id = ?").params(longAgo, id).update();

    assertThat(housekeeping.forgetOldWords()).isGreaterThanOrEqualTo(2);
    assertThat(jdbc.sql("SELECT body FROM inbound_message WHERE conversation_id = ?").param(id)
        .query(String.class).list()).containsOnlyNulls().hasSize(1);
    assertThat(conversations.replies(id)).singleElement().satisfies(r -> assertThat(r.text()).isNull());
    assertThat(conversations.find(id)).isPresent();
  }

  @Test
  void aDeletedOperatorsConversationsGoBackToTheQueue() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    Conversation conversation = opened(chat, "Where is my order?");
    executeJob(journeyOf(conversation), SupportConversation.ACKNOWLEDGE);
    String leaver = operator("support");
    as(leaver).postForEntity(url(conversation, "claim"), null, String.class);
    identity.deleteUser(leaver);
    assertThat(housekeeping.releaseLeavers()).contains(leaver);
    assertThat(conversations.find(conversation.conversationId()).orElseThrow().assignee()).isNull();
    assertThat(answerTask(conversation).getAssignee()).isNull();
    assertThat(as(leaver).getForEntity("/api/conversations", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void theListTakesSeveralStatusesAndEachQueuesLoadIsCountedForItsOperators() {
    clock(MONDAY_NOON);
    Conversation conversation = opened(newChatId(), "My invoice did not arrive");
    assertThat(conversation.queue()).isEqualTo("billing");
    String billing = operator("billing");

    JsonNode unresolved = readTree(as(billing).getForObject("/api/conversations?status=OPEN,WAITING_FOR_CUSTOMER",
        String.class));
    assertThat(unresolved.findValuesAsText("conversationId")).contains(conversation.conversationId());
    assertThat(readTree(as(billing).getForObject("/api/conversations?status=RESOLVED", String.class))
        .findValuesAsText("conversationId")).doesNotContain(conversation.conversationId());
    ResponseEntity<String> bad = as(billing).getForEntity("/api/conversations?status=OPEN,LATER", String.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("\"field\":\"status\"");

    JsonNode load = readTree(as(billing).getForObject("/api/conversations/queues", String.class));
    assertThat(load.findValuesAsText("queue")).containsExactly("billing");
    long open = jdbc.sql("SELECT COUNT(*) FROM conversation WHERE queue = 'billing' AND status = 'OPEN'")
        .query(Long.class).single();
    assertThat(load.get(0).path("open").asLong()).isEqualTo(open).isPositive();
    assertThat(readTree(as(user("supervisors")).getForObject("/api/conversations/queues", String.class))
        .findValuesAsText("queue")).contains("support", "sales", "billing", "partnerships");
  }
}
