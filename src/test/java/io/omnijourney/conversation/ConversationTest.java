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
 * What the support conversation's tests share: customers writing through the webhooks, operators
 * and supervisors as Camunda users, the conversation's journey and its tasks, the engine clock.
 */
public abstract class ConversationTest extends JourneyTest {

  static final String PASSWORD = "Str0ng-Passw0rd!";
  /** Monday 2026-12-07, in working hours (09:00-18:00 UTC, Monday to Friday, in the test profile). */
  static final Instant MONDAY_NOON = Instant.parse("2026-12-07T12:00:00Z");

  @Autowired protected Conversations conversations;
  @Autowired protected ConversationRouter router;
  @Autowired protected SupportHousekeeping housekeeping;
  @Autowired protected TaskService tasks;
  @Autowired protected IdentityService identity;
  @Autowired protected Customers customers;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected ObjectMapper json;
  @Autowired protected CustomerMessages inbox;
  @org.springframework.beans.factory.annotation.Value("${omnijourney.providers.viber.auth-token}")
  protected String viberToken;

  /** A customer with a profile of their own: a Telegram chat and an email address. */
  protected record Known(String id, String chat, String email) {}

  protected Known knownCustomer(String locale) {
    Known known = new Known("cust-" + UUID.randomUUID(), newChatId(),
        "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    customers.upsert(new ProfileChanges(known.id(), null, known.email(), null, known.chat(), null, null, locale, null));
    return known;
  }

  protected void clock(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
  }

  protected void telegram(String chat, String text) {
    assertThat(postTelegramWebhook(telegramUpdate(newUpdateId(), chat, text), telegramSecret).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  protected void sandboxMessage(String channel, String from, String text) {
    String body = """
        {"eventId": "%s", "type": "message", "channel": "%s", "from": "%s", "text": "%s", "at": "%s"}"""
        .formatted(UUID.randomUUID(), channel, from, text, OffsetDateTime.now(ZoneOffset.UTC));
    assertThat(postWebhook(body, SandboxCallbacks.sign(sandboxSecret, body)).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  protected void reportLatest(String channel, String recipient, String status) {
    List<Entry> sent = outbox.list(channel, recipient);
    report(sent.get(sent.size() - 1).providerMessageId(), status);
  }

  /** The customer writes on Telegram; their conversation. */
  protected Conversation opened(String chat, String text) {
    telegram(chat, text);
    return conversationOfChat(chat);
  }

  protected Conversation conversationOfChat(String chat) {
    String customer = jdbc.sql("SELECT id FROM customer WHERE telegram_chat_id = ?").param(chat)
        .query(String.class).single();
    List<Conversation> list = conversations.ofCustomer(customer);
    assertThat(list).isNotEmpty();
    return list.get(0);
  }

  protected ProcessInstance journeyOf(Conversation conversation) {
    return runtime.createProcessInstanceQuery().processInstanceId(conversation.journeyId()).singleResult();
  }

  protected ConversationStatus status(Conversation conversation) {
    return conversations.find(conversation.conversationId()).orElseThrow().status();
  }

  protected JsonNode thread(Conversation conversation) {
    return detail(conversation.conversationId());
  }

  protected Task answerTask(Conversation conversation) {
    return tasks.createTaskQuery().processInstanceId(conversation.journeyId()).taskDefinitionKey(SupportConversation.ANSWER)
        .singleResult();
  }

  protected JsonNode detail(String id) {
    try {
      return json.readTree(api().getForObject("/api/conversations/" + id, String.class));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  protected JsonNode reply(Conversation conversation, String replyId) {
    for (JsonNode message : detail(conversation.conversationId()).path("messages")) {
      if (replyId.equals(message.path("replyId").asText())) {
        return message;
      }
    }
    throw new AssertionError("no reply " + replyId);
  }

  protected JsonNode readTree(String body) {
    try {
      return json.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  protected static String url(Conversation conversation, String action) {
    return "/api/conversations/" + conversation.conversationId() + (action.isEmpty() ? "" : "/" + action);
  }

  protected org.springframework.boot.test.web.client.TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  protected String operator(String queue) {
    return user("operators", queue);
  }

  protected String user(String... groups) {
    String id = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    User user = identity.newUser(id);
    user.setPassword(PASSWORD);
    user.setFirstName("Test");
    user.setLastName("User");
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }

  protected static byte[] readResource(String path) {
    try (var in = ConversationTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
