package io.omnijourney.customer;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fault 16 of docs/reliability.md: a customer erased on request leaves no row naming their phone, email or ids. */
class ErasureTest extends JourneyTest {

  @Autowired JdbcClient jdbc;
  @Autowired HistoryService history;
  @Autowired Customers customers;

  @Test
  void fault16_anErasedCustomerLeavesNoRowThatNamesThem() {
    // No callbacks of the sandbox's own racing the erasure: this test reports what it needs itself.
    for (String channel : List.of("sms", "whatsapp", "email")) {
      sandbox(channel, Outcome.SILENT);
    }
    String id = "erase-" + UUID.randomUUID();
    String phone = "+98912" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    String email = "erase-" + UUID.randomUUID() + "@example.com";
    String telegram = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
    ProcessInstance finished = start(id, phone, email, telegram);
    executeJob(finished, SEND_SMS);
    report(delivery(finished, "sms").providerMessageId(), "delivered");
    executeJob(finished, WAIT_INVOICE);
    executeJob(finished, SEND_INVOICE);
    // The thank-you, marketing, at noon in Tehran: counted for the frequency cap, sent through a
    // called "Deliver with fallback" whose history names the journey.
    daytimeInTehran();
    sendThankYou(finished);
    String thankYou = calledBy(finished).getId();
    report(delivery(finished, "whatsapp").providerMessageId(), "delivered");
    assertThat(finished).isEnded();
    ProcessInstance running = start(id, phone, email, telegram);
    executeJob(running, SEND_SMS);
    api().postForEntity("/api/customers/" + id + "/opt-outs", Map.of("channel", "whatsapp"), String.class);
    // A marketing message at noon in Tehran: counted for the frequency cap.
    daytimeInTehran();
    try {
      ProcessInstance offer = runtime.createProcessInstanceQuery().processInstanceId(journeys.start(
          new StartJourneyRequest("deliver-with-fallback", "offer-" + UUID.randomUUID(),
              new CustomerUpdate(id, phone, email, telegram, null, null, null, "fa", "Asia/Tehran", null),
              Map.of("template", "discount-offer", "category", "marketing", "discount", "20%",
                  "offerUrl", "https://shop.example/o/1", "validUntil", "2026-11-30")), null)
          .journey().id()).singleResult();
      executeJob(offer, DeliverWithFallback.CHOOSE_CHANNEL);
      executeJob(offer, DeliverWithFallback.SEND);
      // The thank-you and the offer.
      assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_contact WHERE customer_id = ?").param(id)
          .query(Long.class).single()).isEqualTo(2);
    } finally {
      ClockUtil.reset();
    }
    // What an import adds to the profile: a name, tags and attributes.
    HttpHeaders csv = new HttpHeaders();
    csv.setContentType(MediaType.parseMediaType("text/csv"));
    assertThat(api().postForEntity("/api/customers/import", new HttpEntity<>("id,name,tags,city\n" + id
        + ",Sara,vip;newsletter,Tehran\n", csv), String.class).getBody()).contains("\"accepted\":1");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_attribute WHERE customer_id = ?").param(id)
        .query(Long.class).single()).isEqualTo(1);
    // A campaign's customer, with their journey, and the times of day they read at.
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    String campaign = api().postForEntity("/api/campaigns", new HttpEntity<>("""
        {"name": "erasure", "playbook": "discount-campaign", "audience": {"customerIds": ["%s"]}, "variables":
         {"discount": "20%%", "offerUrl": "https://shop.example/o/1", "validUntil": "2026-11-30"}, "ratePerSecond": 1}"""
        .formatted(id), json), JsonNode.class).getBody().path("campaignId").asText();
    management.executeJob(jdbc.sql("SELECT job_id FROM campaign WHERE id = ?").param(campaign).query(String.class)
        .single());
    customers.engaged(id, Channel.SMS, OffsetDateTime.now(ZoneOffset.UTC));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM campaign_member WHERE customer_id = ? AND outcome = 'STARTED'")
        .param(id).query(Long.class).single()).isOne();
    assertThat(customers.engagementTimes(id)).isNotEmpty();
    ProcessInstance someoneElse = startOrderConfirmation();
    executeJob(someoneElse, SEND_SMS);
    assertThat(rowsNaming(id, phone, email, telegram)).isNotEmpty();

    var answer = api().exchange("/api/customers/" + id, HttpMethod.DELETE, null, String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(rowsNaming(id, phone, email, telegram)).isEmpty();
    for (ProcessInstance journey : List.of(finished, running)) {
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey.getId()).count()).isZero();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(journey.getId()).count()).isZero();
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(journey.getId()).count()).isZero();
      assertThat(history.createHistoricProcessInstanceQuery().superProcessInstanceId(journey.getId()).count()).isZero();
    }
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(thankYou).count()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE TEXT_ = ?").param(id).query(Long.class).single())
        .isZero();
    assertThat(api().getForEntity("/api/customers/" + id, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    // Another customer's journey is untouched.
    assertThat(deliveriesOf(someoneElse)).hasSize(1);
  }

  @Test
  void erasingAnUnknownCustomerIs404() {
    var answer = api().exchange("/api/customers/nobody-" + UUID.randomUUID(), HttpMethod.DELETE, null, String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ProcessInstance start(String id, String phone, String email, String telegram) {
    var request = new StartJourneyRequest("order-confirmation", "order-" + UUID.randomUUID(),
        new CustomerUpdate(id, phone, email, telegram, null, null, null, "fa", "Asia/Tehran", null),
        Map.of("orderNumber", "1001"));
    String journey = journeys.start(request, "key-" + UUID.randomUUID()).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(journey).singleResult();
  }

  /** Every row of every table, ours and the engine's, in which one of the needles appears, as "table: row". */
  private List<String> rowsNaming(String... needles) {
    List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"
        + " AND table_type = 'BASE TABLE'").query(String.class).list();
    assertThat(tables).contains("CUSTOMER", "DELIVERY", "MARKETING_CONTACT", "CUSTOMER_TAG", "CUSTOMER_ATTRIBUTE",
        "CUSTOMER_ENGAGEMENT_TIME", "CAMPAIGN", "CAMPAIGN_MEMBER", "CAMPAIGN_AUDIENCE", "ACT_HI_PROCINST", "ACT_RU_VARIABLE");
    return tables.stream()
        .flatMap(table -> jdbc.sql("SELECT * FROM \"" + table + "\"").query().listOfRows().stream()
            .map(row -> table + ": " + row))
        .filter(row -> List.of(needles).stream().anyMatch(needle -> row.contains(needle.replace("+", ""))))
        .toList();
  }
}
