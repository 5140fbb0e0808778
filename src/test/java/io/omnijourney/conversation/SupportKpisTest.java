package io.omnijourney.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.SupportConversation;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The support part of {@code GET /api/kpis}, from conversations run on a day of their own. */
class SupportKpisTest extends JourneyTest {

  @Autowired Conversations conversations;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  @Test
  void conversationsResponseAndResolutionTimesBreachesRepeatContactsAndSatisfaction() throws Exception {
    // Tuesday 2027-01-05, in working hours; no other test uses that day.
    clock("2027-01-05T10:00:00Z");
    String chat = newChatId();
    telegram(chat, "My order has not arrived");
    Conversation first = only(chat);
    ProcessInstance journey = journey(first);
    executeJob(journey, SupportConversation.ACKNOWLEDGE);
    clock("2027-01-05T10:10:00Z");
    api().postForEntity("/api/conversations/" + first.conversationId() + "/replies", Map.of("text", "On its way"),
        String.class);
    clock("2027-01-05T11:00:00Z");
    api().postForEntity("/api/conversations/" + first.conversationId() + "/resolve", Map.of(), String.class);
    executeJob(journey, SupportConversation.SEND_SURVEY);
    telegram(chat, "4");

    clock("2027-01-05T11:05:00Z");
    telegram(chat, "The order has still not arrived");
    Conversation second = conversations.ofCustomer(first.customerId()).stream()
        .filter(c -> !c.conversationId().equals(first.conversationId())).findFirst().orElseThrow();
    clock("2027-01-05T11:40:00Z");
    management.executeJob(job(journey(second), SupportConversation.FIRST_RESPONSE_DUE).getId());

    JsonNode support = json.readTree(api().getForObject(
        "/api/kpis?from=2027-01-05T00:00:00Z&to=2027-01-06T00:00:00Z", String.class)).path("support");
    assertThat(support.path("conversations").asLong()).isEqualTo(2);
    assertThat(support.path("firstResponseSeconds").path("p50").asLong()).isEqualTo(600);
    assertThat(support.path("firstResponseSeconds").path("p90").asLong()).isEqualTo(600);
    assertThat(support.path("resolutionSeconds").path("p50").asLong()).isEqualTo(3600);
    assertThat(support.path("slaBreaches").asLong()).isEqualTo(1);
    assertThat(support.path("repeatContactRate").asDouble()).isEqualTo(0.5);
    assertThat(support.path("csat").path("answers").asLong()).isEqualTo(1);
    assertThat(support.path("csat").path("average").asDouble()).isEqualTo(4.0);
    assertThat(api().getForObject("/actuator/prometheus", String.class))
        .containsPattern("omnijourney_support_sla_breaches_total\\{[^}]*queue=\"support\"");
  }

  private static void clock(String at) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(at)));
  }

  private void telegram(String chat, String text) {
    postTelegramWebhook(telegramUpdate(newUpdateId(), chat, text), telegramSecret);
  }

  private Conversation only(String chat) {
    String customer = jdbc.sql("SELECT id FROM customer WHERE telegram_chat_id = ?").param(chat)
        .query(String.class).single();
    List<Conversation> list = conversations.ofCustomer(customer);
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  private ProcessInstance journey(Conversation conversation) {
    return runtime.createProcessInstanceQuery().processInstanceId(conversation.journeyId()).singleResult();
  }
}
