package io.omnijourney.campaign;

import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.ChannelBlocks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The acceptance test of campaigns (issue 18): 10,000 customers of a segment, started at 100
 * journeys a second, each exactly once, the opted-out and unreachable skipped, through a batch that
 * dies half-way and one whose progress was lost, which are run again without a second journey or a
 * second message to anyone. The batch jobs are run by the test at their due times on the engine
 * clock; the rate is measured from the journeys' start times in the engine's history.
 */
class CampaignAtScaleTest extends CampaignTest {

  private static final int AUDIENCE = 10_000;
  private static final double RATE = 100;

  @Autowired ChannelBlocks blocks;
  @Autowired HistoryService history;

  @Test
  void tenThousandCustomersOfASegmentStartExactlyOnceAtTheRateThroughACrashAndALostCursor() {
    String tag = "s" + UUID.randomUUID().toString().substring(0, 8);
    List<String> audience = importCustomers(tag);
    List<String> reachable = audience.stream().filter(id -> !unreachable(index(id))).toList();
    audience.stream().filter(id -> optedOut(index(id))).forEach(id -> {
      blocks.optOut(id, Channel.WHATSAPP, "api");
      blocks.optOut(id, Channel.SMS, "api");
    });
    assertThat(post("/api/segments", """
        {"name": "yalda-%s", "filter": {"tags": ["%s"]}}""".formatted(tag, tag)).getStatusCode().value())
        .isEqualTo(201);
    String campaign = created(post("/api/campaigns", """
        {"name": "yalda-2026", "playbook": "discount-campaign", "audience": {"segment": "yalda-%s"},
         "variables": %s, "ratePerSecond": %s}""".formatted(tag, OFFER_VARIABLES, RATE)));
    for (int batch = 0; batch < 30; batch++) {
      runBatch(campaign);
    }

    // A node dies half-way through the 31st batch: nothing of that batch stays, and it runs again.
    String cursor = cursor(campaign);
    long handled = handled(campaign);
    String dies = reachable.stream().filter(id -> id.compareTo(cursor) > 0).skip(50).findFirst().orElseThrow();
    CrashOnJourneyStart.install(jdbc, dies);
    try {
      assertThatThrownBy(() -> runBatch(campaign)).hasMessageContaining("The node died");
    } finally {
      CrashOnJourneyStart.remove(jdbc);
    }
    assertThat(handled(campaign)).isEqualTo(handled);
    assertThat(cursor(campaign)).isEqualTo(cursor);
    assertThat(startedCustomers(campaign)).hasSize(3_000);
    runBatch(campaign);

    // A batch whose progress was lost (the cursor two batches back, as if their commit had not
    // happened): its customers are members already, and it goes on after them.
    String twoBatchesBack = reachable.get(reachable.indexOf(cursor) - 100);
    runBatch(campaign);
    String lostFrom = cursor(campaign);
    jdbc.sql("UPDATE campaign SET cursor_id = ? WHERE id = ?").params(twoBatchesBack, campaign).update();
    runBatch(campaign);
    assertThat(startedCustomers(campaign)).hasSize(3_300).doesNotHaveDuplicates();

    runToTheEnd(campaign);

    JsonNode done = campaign(campaign);
    assertThat(done.path("status").asText()).isEqualTo("DONE");
    assertThat(done.path("audienceSize").asLong()).isEqualTo(AUDIENCE);
    assertThat(counts(done)).isEqualTo(Map.of("started", (long) reachable.size(),
        "skipped", (long) (AUDIENCE - reachable.size()), "failed", 0L, "converted", 0L));
    assertThat(startedCustomers(campaign)).containsExactlyElementsOf(reachable);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM campaign_member WHERE campaign_id = ? AND outcome = 'SKIPPED'"
        + " AND customer_id IN (SELECT customer_id FROM journey WHERE campaign_id = ?)").params(campaign, campaign)
        .query(Long.class).single()).isZero();
    assertStartedAtTheRate(campaign, reachable.size());
    assertOneMessageEachFrom(campaign, reachable.subList(reachable.indexOf(twoBatchesBack) - 100,
        reachable.indexOf(lostFrom) + 100));
  }

  /** The rate from the journeys' start times: over the whole campaign, and in any one second. */
  private void assertStartedAtTheRate(String campaign, int journeys) {
    List<Instant> starts = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike(campaign + ":%").list().stream()
        .map(HistoricProcessInstance::getStartTime).map(Date::toInstant).sorted().toList();
    assertThat(starts).hasSize(journeys);
    double seconds = Duration.between(starts.get(0), starts.get(starts.size() - 1)).toMillis() / 1000.0;
    assertThat((starts.size() - 1) / seconds).as("journeys a second over %s s", seconds)
        .isCloseTo(RATE, within(RATE * 0.1));
    int mostInOneSecond = 0;
    for (int first = 0, last = 0; first < starts.size(); first++) {
      while (last < starts.size() && starts.get(last).isBefore(starts.get(first).plusSeconds(1))) {
        last++;
      }
      mostInOneSecond = Math.max(mostInOneSecond, last - first);
    }
    assertThat(mostInOneSecond).isLessThanOrEqualTo((int) (RATE * 1.1));
  }

  /** Each of these customers' offer goes out once: one message in the provider's outbox each. */
  private void assertOneMessageEachFrom(String campaign, List<String> customers) {
    sandbox("whatsapp", Outcome.SILENT);
    for (String customer : customers) {
      ProcessInstance journey = runtime.createProcessInstanceQuery()
          .processInstanceBusinessKey(campaign + ":" + customer).singleResult();
      executeJob(journey, SEND_WHATSAPP);
    }
    List<String> recipients = outbox.list("whatsapp", null).stream().map(Entry::recipient).toList();
    assertThat(recipients).hasSize(customers.size()).doesNotHaveDuplicates();
  }

  /**
   * The audience, imported as CSV with the segment's tag: every 50th customer has no address at all,
   * every other 25th will opt out of WhatsApp and SMS, their only channels. Ids in order.
   */
  private List<String> importCustomers(String tag) {
    StringBuilder csv = new StringBuilder("id,phone,locale,timeZone,tags\n");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < AUDIENCE; i++) {
      String id = tag + "-" + String.format("%05d", i);
      ids.add(id);
      csv.append(id).append(',').append(i % 50 == 0 ? "" : "+98912" + (1_000_000 + i)).append(",en,Asia/Tehran,")
          .append(tag).append('\n');
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("text/csv"));
    ResponseEntity<JsonNode> answer = api().postForEntity("/api/customers/import",
        new HttpEntity<>(csv.toString().getBytes(StandardCharsets.UTF_8), headers), JsonNode.class);
    assertThat(answer.getBody().path("accepted").asInt()).as("%s", answer.getBody()).isEqualTo(AUDIENCE);
    return ids;
  }

  private static int index(String id) {
    return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
  }

  private static boolean optedOut(int index) {
    return index % 25 == 0 && index % 50 != 0;
  }

  private static boolean unreachable(int index) {
    return index % 25 == 0;
  }

  private String cursor(String campaign) {
    return jdbc.sql("SELECT cursor_id FROM campaign WHERE id = ?").param(campaign).query(String.class).single();
  }

  private long handled(String campaign) {
    return jdbc.sql("SELECT COUNT(*) FROM campaign_member WHERE campaign_id = ?").param(campaign)
        .query(Long.class).single();
  }
}
