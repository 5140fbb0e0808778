package io.omnijourney.support;

import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.Signatures;
import io.omnijourney.channel.sandbox.SandboxCallbacks;
import io.omnijourney.channel.sandbox.SandboxOutbox;
import io.omnijourney.channel.sandbox.SandboxRule;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.channel.sandbox.SandboxRules;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.delivery.Deliveries;
import io.omnijourney.delivery.Delivery;
import io.omnijourney.delivery.TestLedger;
import io.omnijourney.journey.JourneyRecords;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.Journeys;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import io.omnijourney.support.PlaybookIds.OrderConfirmation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The base of tests that run journeys in the real application: H2, the sandbox provider, the REST
 * API on a random port. There is no job executor: a test executes each send job and fires each
 * timer itself, so nothing depends on timing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestLedger.class)
public abstract class JourneyTest {

  public static final String SARA_PHONE = "+989121234567";
  public static final String SARA_EMAIL = "sara@example.com";
  public static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");

  @Autowired protected TestRestTemplate http;
  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected ManagementService management;
  @Autowired protected SandboxRules sandboxRules;
  @Autowired protected SandboxOutbox outbox;
  /**
   * The real service, wrapped so that a test can play a crash or a callback inside the send's
   * transaction. It is declared here, for every test, so that all journey tests share one
   * application context (and one process engine: Camunda's REST API finds its engine by name).
   */
  @MockitoSpyBean protected Deliveries deliveries;
  @Autowired protected Journeys journeys;
  @Autowired protected JourneyRecords records;
  @Value("${omnijourney.sandbox.secret}") protected String sandboxSecret;
  @Value("${omnijourney.providers.whatsapp.app-secret}") protected String whatsappAppSecret;
  @Value("${omnijourney.providers.telegram.webhook-secret}") protected String telegramSecret;

  @BeforeEach
  void resetSandbox() {
    init(engine);
    sandboxRules.replace(List.of());
    outbox.clear();
  }

  /** HTTP as the demo admin. */
  protected TestRestTemplate api() {
    return http.withBasicAuth("demo", "demo");
  }

  /** HTTP as a new user in these groups, with a password the policy takes. */
  protected TestRestTemplate asMemberOf(String... groups) {
    String id = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    User user = engine.getIdentityService().newUser(id);
    user.setPassword(MEMBER_PASSWORD);
    user.setFirstName("Test");
    user.setLastName("User");
    engine.getIdentityService().saveUser(user);
    for (String group : groups) {
      engine.getIdentityService().createMembership(id, group);
    }
    return http.withBasicAuth(id, MEMBER_PASSWORD);
  }

  private static final String MEMBER_PASSWORD = "Str0ng-Passw0rd!";

  protected void sandbox(String channel, Outcome outcome) {
    List<SandboxRule> rules = new ArrayList<>(sandboxRules.list());
    rules.add(new SandboxRule(channel, "*", outcome, 0L));
    sandboxRules.replace(rules);
  }

  /** Starts an order confirmation for a customer with a phone and an email, in Persian. */
  protected ProcessInstance startOrderConfirmation(Map<String, Object> variables) {
    return startOrderConfirmation("cust-" + UUID.randomUUID(), variables);
  }

  /** Starts an order confirmation for this customer, with Sara's phone and email, in Persian. */
  protected ProcessInstance startOrderConfirmation(String customerId, Map<String, Object> variables) {
    Map<String, Object> vars = new HashMap<>(Map.of("orderNumber", "1001"));
    vars.putAll(variables);
    var request = new StartJourneyRequest("order-confirmation", "order-" + UUID.randomUUID(),
        new CustomerUpdate(customerId, SARA_PHONE, SARA_EMAIL, null, null, null, null, "fa", "Asia/Tehran", null), vars);
    String id = journeys.start(request, null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  protected ProcessInstance startOrderConfirmation() {
    return startOrderConfirmation(Map.of());
  }

  /** Executes the job waiting at an activity (an async send, or a timer, fired now whatever its due date). */
  protected void executeJob(ProcessInstance journey, String activityId) {
    management.executeJob(job(journey, activityId).getId());
  }

  protected Job job(ProcessInstance journey, String activityId) {
    return management.createJobQuery().processInstanceId(journey.getId()).activityId(activityId).singleResult();
  }

  protected List<Delivery> deliveriesOf(ProcessInstance journey) {
    return deliveries.ofJourney(journey.getId());
  }

  protected Delivery delivery(ProcessInstance journey, String channel) {
    return deliveriesOf(journey).stream().filter(d -> d.channel().id().equals(channel)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + channel + " delivery in " + deliveriesOf(journey)));
  }

  /** Posts a signed sandbox report, as the provider would. */
  protected ResponseEntity<String> report(String providerMessageId, String status) {
    return report(UUID.randomUUID().toString(), providerMessageId, status);
  }

  protected ResponseEntity<String> report(String eventId, String providerMessageId, String status) {
    String body = reportBody(eventId, providerMessageId, status, OffsetDateTime.now(ZoneOffset.UTC));
    return postWebhook(body, SandboxCallbacks.sign(sandboxSecret, body));
  }

  protected static String reportBody(String eventId, String providerMessageId, String status, OffsetDateTime at) {
    return "{\"eventId\":\"" + eventId + "\",\"providerMessageId\":\"" + providerMessageId + "\",\"status\":\""
        + status + "\",\"at\":\"" + at + "\"}";
  }

  protected ResponseEntity<String> postWebhook(String body, String signature) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      headers.set("X-Sandbox-Signature", signature);
    }
    return http.postForEntity("/webhooks/sandbox", new HttpEntity<>(body, headers), String.class);
  }

  /** Posts to {@code /webhooks/whatsapp} signed as Meta signs (no signature when {@code signature} is null). */
  protected ResponseEntity<String> postWhatsappWebhook(String body, String signature) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      headers.set("X-Hub-Signature-256", signature);
    }
    return http.postForEntity("/webhooks/whatsapp", new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers),
        String.class);
  }

  /** Posts to {@code /webhooks/whatsapp} with Meta's signature under the test app secret. */
  protected ResponseEntity<String> postWhatsappWebhook(String body) {
    return postWhatsappWebhook(body, whatsappSignature(body));
  }

  protected String whatsappSignature(String body) {
    return "sha256=" + Signatures.hmacSha256Hex(whatsappAppSecret, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A customer's text message to our WhatsApp number, in Meta's envelope; {@code number} in E.164. */
  protected static String whatsappMessage(String number, String messageId, String text) {
    return """
        {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"value": {
          "messaging_product": "whatsapp",
          "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
          "contacts": [{"profile": {"name": "Sara"}, "wa_id": "%s"}],
          "messages": [{"from": "%s", "id": "%s", "timestamp": "1750857384", "type": "text",
                        "text": {"body": "%s"}}]},
          "field": "messages"}]}]}""".formatted(number.substring(1), number.substring(1), messageId, text);
  }

  /** Posts a Telegram update with this {@code X-Telegram-Bot-Api-Secret-Token} (none when null). */
  protected ResponseEntity<String> postTelegramWebhook(String body, String secretToken) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (secretToken != null) {
      headers.set("X-Telegram-Bot-Api-Secret-Token", secretToken);
    }
    return http.postForEntity("/webhooks/telegram", new HttpEntity<>(body, headers), String.class);
  }

  /** A customer with a phone (WhatsApp too) and a Telegram chat of their own, so their messages find only them. */
  protected static CustomerUpdate newCustomer() {
    String phone = "+98912" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    return new CustomerUpdate("cust-" + UUID.randomUUID(), phone, SARA_EMAIL, newChatId(), null, null, null, "en",
        "Asia/Tehran", null);
  }

  /** A Telegram chat id no other test uses. */
  protected static String newChatId() {
    return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 9_000_000_000L));
  }

  /** A Telegram update id no other test uses. */
  protected static long newUpdateId() {
    return ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L);
  }

  /** An Update with a private-chat Message, as the Bot API sends it. */
  public static String telegramUpdate(long updateId, String chatId, String text) {
    return """
        {"update_id": %d, "message": {"message_id": 1365,
         "from": {"id": %s, "is_bot": false, "first_name": "Sara", "language_code": "fa"},
         "chat": {"id": %s, "first_name": "Sara", "type": "private"},
         "date": 1750857384, "text": "%s"}}""".formatted(updateId, chatId, chatId, text);
  }

  protected static void eventually(Runnable assertion) {
    // In the test's own thread: camunda-bpm-assert finds its engine through a thread-local.
    await().pollInSameThread().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
        .untilAsserted(assertion::run);
  }

  protected static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** The "Deliver with fallback" (or other called diagram) the journey is running now. */
  protected ProcessInstance calledBy(ProcessInstance journey) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(journey.getId()).singleResult();
  }

  /**
   * Chooses the next channel of a "Deliver with fallback" (the one the journey called, or the
   * journey itself when it is one) and sends on it.
   */
  protected void sendNextChannel(ProcessInstance journey) {
    ProcessInstance message = Optional.ofNullable(calledBy(journey)).orElse(journey);
    executeJob(message, DeliverWithFallback.CHOOSE_CHANNEL);
    executeJob(message, DeliverWithFallback.SEND);
  }

  /**
   * Sends the thank-you of an order confirmation that waits for it after the invoice step: fires
   * its timer and sends on the first channel "Deliver with fallback" chooses. The thank-you is
   * marketing: set the engine clock outside quiet hours in the customer's time zone first (e.g.
   * {@link #daytimeInTehran()}), or it waits for them to end.
   */
  protected void sendThankYou(ProcessInstance journey) {
    executeJob(journey, OrderConfirmation.WAIT_THANK_YOU);
    sendNextChannel(journey);
  }

  /** Noon in Tehran on the engine clock: marketing to Sara goes at once. */
  protected static void daytimeInTehran() {
    ClockUtil.setCurrentTime(at(2026, 11, 23, 12, 0));
  }

  protected JourneyStatus status(ProcessInstance journey) {
    return records.find(journey.getId()).orElseThrow().status();
  }

  /** A moment in Tehran, for the engine clock: marketing waits out quiet hours in the customer's zone. */
  protected static Date at(int year, int month, int day, int hour, int minute) {
    return Date.from(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, TEHRAN).toInstant());
  }

  /** Marketing tests set the engine clock; every test ends on real time again. */
  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  protected String customerOf(ProcessInstance journey) {
    return (String) runtime.getVariable(journey.getId(), Vars.CUSTOMER_ID);
  }
}
