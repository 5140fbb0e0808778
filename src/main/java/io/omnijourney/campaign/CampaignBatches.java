package io.omnijourney.campaign;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.campaign.CampaignJobs.Batch;
import io.omnijourney.campaign.CampaignRecords.Outcome;
import io.omnijourney.journey.Journeys;
import io.omnijourney.journey.Journeys.CampaignStart;
import io.omnijourney.policy.ChannelChooser;
import io.omnijourney.policy.MessageCategory;
import io.omnijourney.segment.Segments;
import io.omnijourney.web.InvalidRequest.FieldError;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One batch of a campaign, inside its job's transaction (ADR 11): the campaign's row is locked, the
 * next page of its audience is read after the last customer handled, and each customer of the page
 * is handled once: skipped when no channel of the playbook can reach them (ChannelChooser's reachability), else their journey is
 * started, until the batch has started as many journeys as the rate allows it. Each outcome is a
 * {@code campaign_member} row in the same transaction as the start, so a
 * batch that fails half-way leaves no start behind, and one run again (a job retried or taken over by
 * another node, a cursor that did not move) starts nobody twice. Then the cursor moves on and the
 * next batch is scheduled for when the rate says, or the campaign is done.
 */
@Service
class CampaignBatches {

  private static final Logger log = LoggerFactory.getLogger(CampaignBatches.class);
  private static final String UNREACHABLE = "opted out or unreachable on every channel of the playbook";
  /** Pages of skipped customers a batch reads past at most, so that one transaction stays small. */
  private static final int MAX_PAGES = 10;

  private final CampaignRecords records;
  private final CampaignJobs jobs;
  private final Segments segments;
  private final Journeys journeys;
  private final ChannelChooser channels;
  private final CampaignSettings settings;

  CampaignBatches(CampaignRecords records, CampaignJobs jobs, Segments segments, Journeys journeys,
      ChannelChooser channels, CampaignSettings settings) {
    this.records = records;
    this.jobs = jobs;
    this.segments = segments;
    this.journeys = journeys;
    this.channels = channels;
    this.settings = settings;
  }

  void run(String campaignId, int seq) {
    Campaign campaign = records.lock(campaignId).orElse(null);
    if (campaign == null || campaign.batchSeq() != seq || !campaign.status().active()) {
      log.debug("Campaign {}: batch job {} is not the campaign's latest, or it is not running; nothing to do",
          campaignId, seq);
      return;
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (campaign.status() == CampaignStatus.SCHEDULED) {
      campaign = campaign.withStatus(CampaignStatus.RUNNING, audienceSize(campaign), now, null);
    }
    Pace pace = Pace.of(campaign.ratePerSecond(), settings.maxBatch());
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    Predicate<String> reachable = channels.reachability(campaign.playbook(), category(campaign));
    String cursor = campaign.cursor();
    boolean exhausted = false;
    // The rate is of journeys started: skipped customers cost nothing, so a batch reads on past them.
    for (int pages = 0; pages < MAX_PAGES && started(counts) < pace.batchSize() && !exhausted; pages++) {
      List<String> page = page(campaign, cursor, pace.batchSize());
      exhausted = page.size() < pace.batchSize();
      for (String customerId : page) {
        if (started(counts) == pace.batchSize()) {
          exhausted = false;
          break;
        }
        if (!records.isMember(campaign.id(), customerId)) {
          counts.merge(handle(campaign, customerId, reachable, now), 1, Integer::sum);
        }
        cursor = customerId;
      }
    }
    if (exhausted) {
      records.update(campaign.withNextBatch(cursor, seq, null, null)
          .withStatus(CampaignStatus.DONE, records.members(campaign.id()), campaign.startedAt(), now));
      log.info("Campaign {}: batch {} handled {}; the campaign is done", campaign.id(), seq, counts);
      return;
    }
    Instant due = pace.next(campaign.nextBatchAt() == null ? now : campaign.nextBatchAt(), now);
    Batch next = new Batch(campaign.id(), seq + 1);
    records.update(campaign.withNextBatch(cursor, next.seq(), due, jobs.schedule(next, due)));
    log.debug("Campaign {}: batch {} handled {}; the next is due at {}", campaign.id(), seq, counts, due);
  }

  /** The next customers of the audience in id order, after {@code cursor} (null: from the first). */
  private List<String> page(Campaign campaign, String cursor, int limit) {
    return campaign.segment() != null
        ? segments.customerIds(campaign.segment(), cursor, limit)
        : records.audiencePage(campaign.id(), cursor, limit);
  }

  private static int started(Map<Outcome, Integer> counts) {
    return counts.getOrDefault(Outcome.STARTED, 0);
  }

  private Outcome handle(Campaign campaign, String customerId, Predicate<String> reachable, Instant now) {
    if (!reachable.test(customerId)) {
      records.addMember(campaign.id(), customerId, Outcome.SKIPPED, null, UNREACHABLE, now);
      return Outcome.SKIPPED;
    }
    CampaignStart start = journeys.startForCampaign(campaign.id(), campaign.playbook(), customerId,
        campaign.variables());
    if (start.journeyId() == null) {
      records.addMember(campaign.id(), customerId, Outcome.FAILED, null, reason(start.refused()), now);
      return Outcome.FAILED;
    }
    records.addMember(campaign.id(), customerId, Outcome.STARTED, start.journeyId(), null, now);
    return Outcome.STARTED;
  }

  /** The campaign's messages are marketing, unless its variables say {@code category: transactional}. */
  private static MessageCategory category(Campaign campaign) {
    Object category = campaign.variables().get(Vars.CATEGORY);
    return MessageCategory.fromId(category == null ? null : category.toString()).orElse(MessageCategory.MARKETING);
  }

  /** The audience when the campaign starts: the listed customers, or the segment's size now. */
  private long audienceSize(Campaign campaign) {
    return campaign.segment() != null ? segments.preview(campaign.segment()).size() : campaign.audienceSize();
  }

  private static String reason(List<FieldError> refused) {
    String reason = refused.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    return reason.length() > 500 ? reason.substring(0, 497) + "..." : reason;
  }
}
