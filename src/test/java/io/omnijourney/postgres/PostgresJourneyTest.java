package io.omnijourney.postgres;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_NOT_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.channel.sandbox.SandboxCallbacks;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.OrderConfirmation;
import io.omnijourney.support.RequiresPostgres;
import io.omnijourney.support.RequiresPostgres.Server;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import io.omnijourney.security.RoleAuthorizations;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole journey on a real PostgreSQL, through the REST API only, with the job executor running
 * as in production: the SMS stays silent, its timer fires, WhatsApp delivers, the invoice email goes
 * out, the thank-you follows on the customer's channel and the journey completes. It runs in a database of its own, created fresh for each run.
 */
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "omnijourney.delivery.sweep-interval=PT1S"})
@ActiveProfiles({"test", "postgres"})
class PostgresJourneyTest {

  private static final String DATABASE = "omnijourney_it";

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired ManagementService management;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired RoleAuthorizations roleAuthorizations;
  @Value("${omnijourney.sandbox.secret}") String secret;
  @Value("${omnijourney.providers.telegram.webhook-secret}") String telegramSecret;

  @DynamicPropertySource
  static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
    Server.freshDatabase(DATABASE, registry);
  }

  @Test
  void silentSmsFallsBackToWhatsappAndTheJourneyCompletesOnPostgres() throws Exception {
    assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    put("/sandbox/rules", "[{\"channel\": \"sms\", \"recipient\": \"*\", \"outcome\": \"silent\", \"delayMs\": 0}]");
    String businessKey = "order-" + UUID.randomUUID();

    // The thank-you is marketing: the customer lives where it is early afternoon now.
    JsonNode started = post("/api/journeys", """
        {"playbook": "order-confirmation", "businessKey": "%s",
         "customer": {"id": "cust-pg", "phone": "+79161234567", "email": "ivan@example.com", "locale": "ru",
                      "timeZone": "%s"},
         "variables": {"orderNumber": "2002", "smsTimeout": "PT2S", "whatsappTimeout": "PT30S", "invoiceDelay": "PT1S",
                       "thankYouDelay": "PT1S"}}
        """.formatted(businessKey, earlyAfternoonZone()));
    String journeyId = started.get("journeyId").asText();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(get("/api/journeys/" + journeyId).get("status").asText()).isEqualTo("COMPLETED"));
    JsonNode journey = get("/api/journeys/" + journeyId);
    List<String> deliveries = new ArrayList<>();
    journey.get("deliveries").forEach(d -> deliveries.add(d.get("channel").asText() + ":" + d.get("status").asText()));
    assertThat(deliveries).containsExactly("sms:ACCEPTED", "whatsapp:DELIVERED", "email:DELIVERED", "whatsapp:DELIVERED");
    List<JsonNode> ivans = new ArrayList<>();
    get("/sandbox/outbox").forEach(m -> {
      if (List.of("+79161234567", "ivan@example.com").contains(m.get("recipient").asText())) {
        ivans.add(m);
      }
    });
    assertThat(ivans).extracting(m -> m.get("channel").asText()).containsExactly("sms", "whatsapp", "email", "whatsapp");
    assertThat(ivans.get(0).get("text").asText()).contains("2002").contains("заказ");
    assertThat(ivans.get(2).get("subject").asText()).contains("2002");
    // No feedbackUrl in the start: the thank-you asks for a reply.
    assertThat(ivans.get(3).get("text").asText()).contains("спасибо за заказ *2002*").contains("ответьте");
  }

  /**
   * A playbook built on "Deliver with fallback" on PostgreSQL: the call activity, the channel policy
   * (DMN), the contact-window check with its row lock and the frequency cap's count. The customer
   * lives where it is early afternoon now, so quiet hours do not hold the reminder.
   */
  @Test
  void anAbandonedCartReminderGoesThroughDeliverWithFallbackOnPostgres() throws Exception {
    put("/sandbox/rules", "[]");
    String zone = earlyAfternoonZone();
    String customer = "cust-pg-" + UUID.randomUUID();

    JsonNode started = post("/api/journeys", """
        {"playbook": "abandoned-cart", "businessKey": "cart-%s",
         "customer": {"id": "%s", "phone": "+79161234568", "email": "olga@example.com", "locale": "ru", "timeZone": "%s"},
         "variables": {"cartUrl": "https://shop.example/cart/9", "cartIdleDelay": "PT1S", "reminderTimeout": "PT30S"}}
        """.formatted(UUID.randomUUID(), customer, zone));
    String journeyId = started.get("journeyId").asText();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(get("/api/journeys/" + journeyId).get("status").asText()).isEqualTo("COMPLETED"));
    List<String> deliveries = new ArrayList<>();
    get("/api/journeys/" + journeyId).get("deliveries")
        .forEach(d -> deliveries.add(d.get("channel").asText() + ":" + d.get("status").asText()));
    assertThat(deliveries).containsExactly("whatsapp:DELIVERED");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_contact WHERE customer_id = ?").param(customer)
        .query(Long.class).single()).isOne();
  }

  /**
   * A customer's reply in the inbox ends their after-sales journey on PostgreSQL: the inbox row's
   * generated id, the reply's claim and the correlation by customer, with the job executor running.
   */
  @Test
  void aTelegramReplyEndsTheFeedbackJourneyAndIsRecordedOnPostgres() throws Exception {
    put("/sandbox/rules", "[]");
    String chatId = String.valueOf(7_000_000 + (int) (Math.random() * 1_000_000));
    JsonNode started = post("/api/journeys", """
        {"playbook": "after-sales-feedback", "businessKey": "order-%s",
         "customer": {"id": "cust-pg-%s", "phone": "+79161234569", "telegramChatId": "%s", "locale": "ru"},
         "variables": {"orderNumber": "3003", "feedbackUrl": "https://shop.example/feedback/3003"}}
        """.formatted(UUID.randomUUID(), UUID.randomUUID(), chatId));
    String journeyId = started.get("journeyId").asText();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(get("/api/journeys/" + journeyId).get("deliveries")).isNotEmpty());

    HttpHeaders headers = jsonHeaders();
    headers.set("X-Telegram-Bot-Api-Secret-Token", telegramSecret);
    String update = JourneyTest.telegramUpdate(System.nanoTime() % 1_000_000_000L, chatId, "Всё отлично, спасибо!");
    assertThat(http.postForEntity("/webhooks/telegram", new HttpEntity<>(update, headers), String.class)
        .getStatusCode().value()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(get("/api/journeys/" + journeyId).get("status").asText()).isEqualTo("COMPLETED"));
    JsonNode reply = get("/api/journeys/" + journeyId).get("reply");
    assertThat(reply.get("channel").asText()).isEqualTo("telegram");
    assertThat(reply.get("text").asText()).isEqualTo("Всё отлично, спасибо!");
    assertThat(reply.get("messageId").asLong()).isEqualTo(jdbc.sql("SELECT id FROM inbound_message WHERE sender_ref = ?")
        .param(chatId).query(Long.class).single());
  }

  @Test
  void aSupportConversationRunsThroughTheRestApiOnPostgres() throws Exception {
    put("/sandbox/rules", "[]");
    String chat = String.valueOf(8_000_000 + (int) (Math.random() * 1_000_000));
    String body = """
        {"eventId": "%s", "type": "message", "channel": "telegram", "from": "%s",
         "text": "Здравствуйте, заказ 1001 не пришёл", "at": "%s"}"""
        .formatted(UUID.randomUUID(), chat, OffsetDateTime.now(ZoneOffset.UTC));
    HttpHeaders signed = jsonHeaders();
    signed.set("X-Sandbox-Signature", SandboxCallbacks.sign(secret, body));
    JsonNode received = json.readTree(http.postForEntity("/webhooks/sandbox", new HttpEntity<>(body, signed),
        String.class).getBody());
    String id = received.get("conversationId").asText();
    assertThat(get("/api/conversations/" + id).get("topic").asText()).isEqualTo("order-not-arrived");

    JsonNode reply = json.readTree(http.withBasicAuth("demo", "demo").postForEntity("/api/conversations/" + id
        + "/replies", new HttpEntity<>("{\"text\": \"Завтра будет у вас\"}", jsonHeaders()), String.class).getBody());
    assertThat(reply.get("author").asText()).isEqualTo("demo");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      JsonNode detail = get("/api/conversations/" + id);
      assertThat(detail.get("status").asText()).isEqualTo("WAITING_FOR_CUSTOMER");
      boolean delivered = false;
      for (JsonNode message : detail.get("messages")) {
        delivered |= message.path("replyId").isTextual() && !"PENDING".equals(message.get("deliveryStatus").asText());
      }
      assertThat(delivered).isTrue();
    });
    assertThat(jdbc.sql("SELECT COUNT(*) FROM sandbox_outbox WHERE recipient = ? AND body LIKE ?")
        .params(chat, "Завтра%").query(Long.class).single()).isEqualTo(1);

    http.withBasicAuth("demo", "demo").postForEntity("/api/conversations/" + id + "/resolve",
        new HttpEntity<>("{\"resolution\": \"Courier\"}", jsonHeaders()), String.class);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(jdbc.sql("SELECT survey_sent_at FROM conversation WHERE id = ?").param(id)
            .query(OffsetDateTime.class).optional()).isPresent().get().isNotNull());
    String rating = body.replace("Здравствуйте, заказ 1001 не пришёл", "5")
        .replaceFirst("\"eventId\": \"[^\"]+\"", "\"eventId\": \"" + UUID.randomUUID() + "\"");
    HttpHeaders ratingSigned = jsonHeaders();
    ratingSigned.set("X-Sandbox-Signature", SandboxCallbacks.sign(secret, rating));
    http.postForEntity("/webhooks/sandbox", new HttpEntity<>(rating, ratingSigned), String.class);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(get("/api/conversations/" + id).path("csat").asInt()).isEqualTo(5));
    assertThat(get("/api/conversations/" + id).get("status").asText()).isEqualTo("RESOLVED");
  }

  /**
   * Jobs are acquired by due date, so the engine gets the index Camunda recommends for that; without
   * it every acquisition scans the timers of all waiting journeys.
   */
  @Test
  void theRolesAreCreatedOnceOnPostgresAndAnOperatorMayNotStartAJourney() {
    long authorizationsBefore = authorizations.createAuthorizationQuery().count();
    roleAuthorizations.postProcessEngineBuild(engine);
    long authorizationsAfter = authorizations.createAuthorizationQuery().count();
    String operator = "pgop" + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(operator);
    user.setPassword("Str0ng-Passw0rd!");
    identity.saveUser(user);
    identity.createMembership(operator, "operators");

    var refused = http.withBasicAuth(operator, "Str0ng-Passw0rd!").postForEntity("/api/journeys",
        new HttpEntity<>("{}", jsonHeaders()), String.class);

    assertThat(identity.createGroupQuery().groupIdIn("camunda-admin", "analysts", "supervisors", "operators", "apps")
        .count()).isEqualTo(5);
    assertThat(authorizationsAfter).isEqualTo(authorizationsBefore);
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void jobsAreAcquiredThroughTheDueDateIndexAndTheLockedJobsIndex() {
    assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'act_ru_job' AND indexname = 'oj_idx_job_duedate'")
        .query(String.class).single()).contains("(duedate_)");
    assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'act_ru_job' AND indexname = 'oj_idx_job_locked'")
        .query(String.class).single()).contains("(lock_exp_time_)").contains("WHERE (lock_owner_ IS NOT NULL)");
  }

  /**
   * The acquisition's look for journeys that have a job running can read the locked jobs through
   * their partial index instead of the whole job table, which holds every waiting journey's timer.
   * This small test database would be read whole anyway, so the plan is asked with sequential
   * scans discouraged: what is checked is that the acquisition's condition matches the index.
   */
  @Test
  void acquisitionCanFindTheLockedJobsThroughTheirIndex() {
    String plan = new TransactionTemplate(transactionManager).execute(status -> {
      jdbc.sql("SET LOCAL enable_seqscan = off").update();
      return String.join("\n", jdbc.sql("EXPLAIN SELECT J2.ID_ FROM ACT_RU_JOB J2 WHERE J2.EXCLUSIVE_ = true"
          + " AND J2.LOCK_OWNER_ IS NOT NULL AND J2.LOCK_EXP_TIME_ >= now()").query(String.class).list());
    });
    assertThat(plan).contains("oj_idx_job_locked");
  }

  /**
   * A request's job is handed to this node's job threads (ADR 13): the transaction that creates a
   * journey's first send job locks it for this node, so acquisition on any node leaves it alone for
   * the lock's two minutes, and the SMS still goes out well within them, run by the hand-over after
   * the commit. The lock is seen inside the creating transaction, where acquisition cannot see the
   * job at all.
   */
  @Test
  void aJourneysFirstSendIsLockedForThisNodeWhenCreatedAndRunsOnceTheStartCommits() {
    put("/sandbox/rules", "[]");
    String customerId = "hand-over-" + UUID.randomUUID();
    jdbc.sql("INSERT INTO customer (id, phone, locale, created_at, updated_at) VALUES (?, '+79160007001', 'ru', now(), now())")
        .param(customerId).update();
    Map<String, Object> lock = new TransactionTemplate(transactionManager).execute(status -> {
      String journey = engine.getRuntimeService().startProcessInstanceByKey(OrderConfirmation.PROCESS, "hand-over",
          Map.of("customerId", customerId, "orderNumber", "7")).getId();
      return jdbc.sql("SELECT process_instance_id_ AS journey, lock_owner_ AS owner, lock_exp_time_ AS until"
              + " FROM act_ru_job WHERE process_instance_id_ = ?")
          .param(journey).query().singleRow();
    });
    assertThat(lock.get("owner")).isEqualTo(ManagementFactory.getRuntimeMXBean().getName());
    assertThat(((Timestamp) lock.get("until")).toInstant()).isAfter(Instant.now().plusSeconds(60));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
            "SELECT COUNT(*) FROM delivery WHERE journey_id = ? AND channel = 'sms' AND provider_message_id IS NOT NULL")
        .param(lock.get("journey")).query(Long.class).single()).isEqualTo(1));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_ru_job WHERE process_instance_id_ = ? AND type_ = 'message'")
        .param(lock.get("journey")).query(Long.class).single()).isZero();
  }

  /**
   * Fault 5 of docs/reliability.md on PostgreSQL with the real job executor: the "not delivered" timers of many journeys
   * fall due while their "delivered" reports arrive. Every journey takes exactly one path, nothing
   * becomes an incident, and a report that lost to its timer is recorded as late.
   */
  @Test
  void fault5_reportsAndTimersRacingOnPostgres_eachJourneyTakesOnePathWithoutIncidents() throws Exception {
    put("/sandbox/rules", "[{\"channel\": \"sms\", \"recipient\": \"*\", \"outcome\": \"silent\", \"delayMs\": 0}]");
    int count = 200;
    List<String> journeyIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      journeyIds.add(post("/api/journeys", """
          {"playbook": "order-confirmation", "customer": {"id": "race-%d", "phone": "+79160000%03d"},
           "variables": {"orderNumber": "%d", "smsTimeout": "PT6S", "whatsappTimeout": "PT1H", "invoiceDelay": "PT1H"}}
          """.formatted(i, i, i)).get("journeyId").asText());
    }
    Map<String, String> smsByJourney = new HashMap<>();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (String id : journeyIds) {
        String sms = jdbc.sql("SELECT provider_message_id FROM delivery WHERE journey_id = ? AND channel = 'sms'")
            .param(id).query(String.class).optional().orElse(null);
        assertThat(sms).as("the SMS of %s was sent", id).isNotNull();
        smsByJourney.put(id, sms);
      }
    });
    Set<String> racing = Set.copyOf(journeyIds);
    Instant due = management.createJobQuery().timers().activityId(SMS_NOT_DELIVERED).list().stream()
        .filter(job -> racing.contains(job.getProcessInstanceId()))
        .map(job -> job.getDuedate().toInstant()).max(Instant::compareTo).orElseThrow();
    // Start reporting just before the timers fall due: the first reports beat their timers, the
    // rest meet them head-on or come after them.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> !Instant.now().isBefore(due.minusMillis(1000)));
    ExecutorService reporters = Executors.newFixedThreadPool(8);
    List<Future<Integer>> answers = new ArrayList<>();
    for (String sms : smsByJourney.values()) {
      answers.add(reporters.submit(() -> signedReport(sms)));
    }
    for (Future<Integer> answer : answers) {
      assertThat(answer.get()).isEqualTo(200);
    }
    reporters.shutdown();

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(jdbc.sql("SELECT COUNT(*) FROM act_ru_job WHERE type_ = 'timer' AND duedate_ < ?")
            .param(OffsetDateTime.now().plusMinutes(5)).query(Long.class).single()).isZero());
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (String id : journeyIds) {
        assertThat(get("/api/journeys/" + id).get("waitingAt").toString()).contains("Invoice due");
      }
    });
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_ru_incident").query(Long.class).single()).isZero();
    int late = 0;
    for (String id : journeyIds) {
      JsonNode journey = get("/api/journeys/" + id);
      JsonNode sms = journey.get("deliveries").get(0);
      assertThat(sms.get("status").asText()).isEqualTo("DELIVERED");
      boolean fellBack = journey.get("deliveries").size() == 2;
      assertThat(sms.get("late").asBoolean()).as("journey %s: late iff it fell back", id).isEqualTo(fellBack);
      late += fellBack ? 1 : 0;
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM sandbox_outbox WHERE channel = 'whatsapp' AND recipient LIKE '+79160000%'")
        .query(Long.class).single()).isEqualTo(late);
  }

  private int signedReport(String providerMessageId) {
    String body = "{\"eventId\": \"" + UUID.randomUUID() + "\", \"providerMessageId\": \"" + providerMessageId
        + "\", \"status\": \"delivered\", \"at\": \"" + OffsetDateTime.now() + "\"}";
    HttpHeaders headers = jsonHeaders();
    headers.set("X-Sandbox-Signature", SandboxCallbacks.sign(secret, body));
    return http.postForEntity("/webhooks/sandbox", new HttpEntity<>(body, headers), String.class).getStatusCode().value();
  }

  /** A time zone where it is 14:00 now, outside quiet hours: marketing goes at once. */
  private static String earlyAfternoonZone() {
    int offset = 14 - OffsetDateTime.now(ZoneOffset.UTC).getHour();
    return offset == 0 ? "UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
  }

  private JsonNode post(String path, String body) throws Exception {
    var answer = http.withBasicAuth("demo", "demo").postForEntity(path, new HttpEntity<>(body, jsonHeaders()), String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(201);
    return json.readTree(answer.getBody());
  }

  private void put(String path, String body) {
    http.withBasicAuth("demo", "demo").put(path, new HttpEntity<>(body, jsonHeaders()));
  }

  private JsonNode get(String path) throws Exception {
    return json.readTree(http.withBasicAuth("demo", "demo").getForEntity(path, String.class).getBody());
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
