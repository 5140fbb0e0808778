package io.omnijourney.campaign;

import static io.omnijourney.support.PlaybookIds.DiscountCampaign.END_NOT_REACHED;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.END_PURCHASED;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_EMAIL;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_TELEGRAM;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.WAIT_SUMMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.journey.JourneyStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A campaign's life: its batches at its rate, pause, resume, cancel, a batch that keeps failing, its progress. */
class CampaignJourneyTest extends CampaignTest {

  @Autowired ChannelBlocks blocks;

  @Test
  void batchesStartTheRatesNumberOfJourneysADueIntervalApartUntilTheAudienceIsDone() throws Exception {
    List<String> audience = customers(25);
    String campaign = campaignFor(audience, 10);
    Instant first = pendingBatch(campaign).getDuedate().toInstant();

    runBatch(campaign);
    assertThat(campaign(campaign).path("status").asText()).isEqualTo("RUNNING");
    assertThat(startedCustomers(campaign)).containsExactlyElementsOf(audience.subList(0, 10));
    assertThat(pendingBatch(campaign).getDuedate().toInstant()).isEqualTo(first.plusSeconds(1));
    runBatch(campaign);
    assertThat(startedCustomers(campaign)).hasSize(20);
    runBatch(campaign);

    JsonNode done = campaign(campaign);
    assertThat(done.path("status").asText()).isEqualTo("DONE");
    assertThat(counts(done)).isEqualTo(Map.of("started", 25L, "skipped", 0L, "failed", 0L, "converted", 0L));
    assertThat(done.path("audienceSize").asLong()).isEqualTo(25);
    assertThat(startedCustomers(campaign)).containsExactlyElementsOf(audience);
    assertThat(pendingBatch(campaign)).isNull();
    // Each journey is the discount offer, waiting to send it, and names its campaign.
    String journeyId = jdbc.sql("SELECT id FROM journey WHERE campaign_id = ? AND customer_id = ?")
        .params(campaign, audience.get(0)).query(String.class).single();
    JsonNode journey = api().getForObject("/api/journeys/" + journeyId, JsonNode.class);
    assertThat(journey.path("playbook").asText()).isEqualTo("discount-campaign");
    assertThat(journey.path("campaignId").asText()).isEqualTo(campaign);
    assertThat(journey.path("businessKey").asText()).isEqualTo(campaign + ":" + audience.get(0));
  }

  @Test
  void aPausedCampaignStartsNobodyUntilResumedThenGoesOnWhereItStopped() throws Exception {
    List<String> audience = customers(25);
    String campaign = campaignFor(audience, 10);
    runBatch(campaign);

    JsonNode paused = control(campaign, "pause").getBody();
    assertThat(paused.path("status").asText()).isEqualTo("PAUSED");
    assertThat(control(campaign, "pause").getStatusCode().value()).isEqualTo(409);
    // The batch that was due still runs, finds the campaign paused and schedules nothing.
    runBatch(campaign);
    assertThat(startedCustomers(campaign)).hasSize(10);
    assertThat(pendingBatch(campaign)).isNull();

    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 3_600_000));
    JsonNode resumed = control(campaign, "resume").getBody();
    assertThat(resumed.path("status").asText()).isEqualTo("RUNNING");
    assertThat(pendingBatch(campaign).getDuedate()).isEqualTo(ClockUtil.getCurrentTime());
    runToTheEnd(campaign);

    assertThat(startedCustomers(campaign)).containsExactlyElementsOf(audience);
    assertThat(campaign(campaign).path("status").asText()).isEqualTo("DONE");
    assertThat(control(campaign, "resume").getStatusCode().value()).isEqualTo(409);
    assertThat(control(campaign, "pause").getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void aBatchJobFromBeforeAPauseFindsItIsNotTheLatestAfterTheResumeAndDoesNothing() throws Exception {
    List<String> audience = customers(15);
    String campaign = campaignFor(audience, 10);
    runBatch(campaign);
    Job beforeThePause = pendingBatch(campaign);

    control(campaign, "pause");
    control(campaign, "resume");
    Job afterTheResume = pendingBatch(campaign);
    assertThat(afterTheResume.getId()).isNotEqualTo(beforeThePause.getId());
    ClockUtil.setCurrentTime(beforeThePause.getDuedate());
    management.executeJob(beforeThePause.getId());
    assertThat(startedCustomers(campaign)).hasSize(10);
    runToTheEnd(campaign);

    assertThat(startedCustomers(campaign)).containsExactlyElementsOf(audience);
  }

  @Test
  void aCancelledCampaignStartsNoMoreAndTheJourneysItStartedGoOn() throws Exception {
    String campaign = campaignFor(customers(25), 10);
    runBatch(campaign);

    JsonNode cancelled = control(campaign, "cancel").getBody();
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("endedAt").isNull()).isFalse();
    runToTheEnd(campaign);

    assertThat(startedCustomers(campaign)).hasSize(10);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM journey WHERE campaign_id = ? AND status = 'ACTIVE'").param(campaign)
        .query(Long.class).single()).isEqualTo(10);
    assertThat(control(campaign, "cancel").getStatusCode().value()).isEqualTo(409);
    assertThat(control(campaign, "resume").getStatusCode().value()).isEqualTo(409);
    assertThat(control(campaign, "pause").getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void aCampaignThatStartsLaterWaitsForItsStartThroughAPause() throws Exception {
    List<String> audience = customers(3);
    Instant startAt = ClockUtil.getCurrentTime().toInstant().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    String campaign = created(post("/api/campaigns", """
        {"name": "later", "playbook": "discount-campaign", "audience": {"customerIds": %s}, "variables": %s,
         "startAt": "%s", "ratePerSecond": 5}""".formatted(json.writeValueAsString(audience), OFFER_VARIABLES,
        startAt)));

    assertThat(pendingBatch(campaign).getDuedate().toInstant()).isEqualTo(startAt);
    control(campaign, "pause");
    assertThat(control(campaign, "resume").getBody().path("status").asText()).isEqualTo("SCHEDULED");
    assertThat(pendingBatch(campaign).getDuedate().toInstant()).isEqualTo(startAt);
    runToTheEnd(campaign);

    assertThat(startedCustomers(campaign)).containsExactlyElementsOf(audience);
    assertThat(Instant.parse(campaign(campaign).path("startedAt").asText())).isEqualTo(startAt);
  }

  @Test
  void aBatchThatFailsOnEveryRetryShowsWhyAndAPauseAndResumeGoOnOnceTheCauseIsGone() throws Exception {
    List<String> audience = customers(15);
    String campaign = campaignFor(audience, 10);
    CrashOnJourneyStart.install(jdbc, audience.get(4));
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThatThrownBy(() -> runBatch(campaign)).hasMessageContaining("The node died");
      }
      // Nothing of the failed batch stays: no journey, no member, the cursor where it was.
      assertThat(startedCustomers(campaign)).isEmpty();
      JsonNode stalled = campaign(campaign);
      assertThat(stalled.path("started").asLong()).isZero();
      assertThat(stalled.path("error").asText()).contains("The node died");
    } finally {
      CrashOnJourneyStart.remove(jdbc);
    }

    control(campaign, "pause");
    control(campaign, "resume");
    runToTheEnd(campaign);

    assertThat(startedCustomers(campaign)).containsExactlyElementsOf(audience);
    assertThat(campaign(campaign).has("error")).isFalse();
    assertThat(management.createJobQuery().noRetriesLeft().list())
        .noneMatch(job -> job.getExceptionMessage() != null && job.getExceptionMessage().contains("The node died"));
  }

  @Test
  void progressCountsTheSkippedTheFailedAndTheConvertedAndTheKpisFilterByCampaign() throws Exception {
    List<String> audience = new ArrayList<>(customers(3));
    String optedOut = audience.get(0);
    for (Channel channel : Channel.values()) {
      blocks.optOut(optedOut, channel, "api");
    }
    audience.add("never-imported-" + audience.get(1));
    Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String campaign = campaignFor(audience, 10);
    runToTheEnd(campaign);
    ProcessInstance notReached = journeyOf(campaign, audience.get(1));
    ProcessInstance buyer = journeyOf(campaign, audience.get(2));

    // Nobody is reached on any channel: the journey ends FAILED.
    List.of("whatsapp", "telegram", "sms", "email").forEach(channel -> sandbox(channel, Outcome.REJECT));
    executeJob(notReached, SEND_WHATSAPP);
    executeJob(notReached, SEND_TELEGRAM);
    executeJob(notReached, SEND_SMS);
    executeJob(notReached, WAIT_SUMMARY);
    executeJob(notReached, SEND_EMAIL);
    assertThat(notReached).isEnded().hasPassed(END_NOT_REACHED);
    // The engine's history keeps the purchase at the engine clock's time, which the KPIs read: now.
    ClockUtil.reset();
    var purchase = api().postForEntity("/api/events", Map.of("name", Events.PURCHASE_COMPLETED,
        "businessKey", campaign + ":" + audience.get(2)), JsonNode.class);
    assertThat(purchase.getBody().path("correlated").asInt()).isOne();
    assertThat(buyer).isEnded().hasPassed(END_PURCHASED);

    JsonNode progress = campaign(campaign);
    assertThat(counts(progress)).isEqualTo(Map.of("started", 2L, "skipped", 2L, "failed", 1L, "converted", 1L));
    assertThat(progress.path("audienceSize").asLong()).isEqualTo(4);
    assertThat(records.find(notReached.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.FAILED);
    JsonNode kpis = api().getForObject("/api/kpis?campaign=" + campaign + "&from=" + from + "&to="
        + Instant.now().plusSeconds(1), JsonNode.class);
    assertThat(kpis.path("campaign").asText()).isEqualTo(campaign);
    assertThat(kpis.path("journeys").path("started").asInt()).isEqualTo(2);
    assertThat(kpis.path("journeys").path("converted").asInt()).isEqualTo(1);
    assertThat(kpis.path("deliveries")).allSatisfy(step -> assertThat(step.path("playbook").asText())
        .isEqualTo("discount-campaign"));
    assertThat(kpis.path("channels").findValuesAsText("channel")).containsExactly("email", "sms", "telegram", "whatsapp");
  }

  @Test
  void theListShowsTheNewestCampaignFirstWithItsProgress() throws Exception {
    String older = campaignFor(customers(1), 1);
    String newer = campaignFor(customers(1), 1);
    runToTheEnd(newer);

    JsonNode list = api().getForObject("/api/campaigns", JsonNode.class);

    List<String> ids = list.findValuesAsText("campaignId");
    assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));
    assertThat(list.get(ids.indexOf(newer)).path("started").asLong()).isOne();
  }

  private ProcessInstance journeyOf(String campaign, String customer) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(campaign + ":" + customer).singleResult();
  }
}
