package io.omnijourney.campaign;

import io.omnijourney.campaign.CampaignJobs.Batch;
import io.omnijourney.campaign.CampaignRecords.Outcome;
import io.omnijourney.journey.JourneyRecords;
import io.omnijourney.kpi.KpiWindow;
import io.omnijourney.kpi.Kpis;
import io.omnijourney.web.Conflict;
import io.omnijourney.web.NotFound;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns: one playbook for many customers (a segment, or a list of ids), started at a rate from a
 * moment on, each customer at most once ({@link CampaignBatches} does the starting). Here they are
 * created, paused, resumed and cancelled, each in one transaction with the campaign's row locked, and
 * their progress is counted.
 */
@Service
class Campaigns {

  /** A campaign to create, checked by the caller; {@code customerIds} is null for a segment's campaign. */
  record NewCampaign(String name, String playbook, String segment, List<String> customerIds,
      Map<String, Object> variables, Instant startAt, double ratePerSecond) {}

  /**
   * How far a campaign got: journeys started, customers skipped (unreachable or opted out), failed
   * (their journey could not start, or ended FAILED: no channel reached them) and converted (their
   * journey caught its goal event, as the KPIs count it).
   */
  record Progress(long started, long skipped, long failed, long converted) {}

  /** A campaign with its progress, and why its batches stopped if they failed for good (else null). */
  record View(Campaign campaign, Progress progress, String error) {}

  /** How many campaigns the list shows, newest first. */
  static final int LIST_LIMIT = 50;

  private final CampaignRecords records;
  private final CampaignJobs jobs;
  private final JourneyRecords journeys;
  private final Kpis kpis;

  Campaigns(CampaignRecords records, CampaignJobs jobs, JourneyRecords journeys, Kpis kpis) {
    this.records = records;
    this.jobs = jobs;
    this.journeys = journeys;
    this.kpis = kpis;
  }

  /** Saves the campaign and schedules its first batch for {@code startAt} (now, if that has passed), together. */
  @Transactional
  public Campaign create(NewCampaign request, long audienceSize, String createdBy) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant first = request.startAt() == null || request.startAt().isBefore(now) ? now : request.startAt();
    Campaign campaign = new Campaign(UUID.randomUUID().toString(), request.name(), request.playbook(),
        request.segment(), request.variables(), request.startAt() == null ? now : request.startAt(),
        request.ratePerSecond(), CampaignStatus.SCHEDULED, audienceSize, null, 1, first, null, createdBy,
        OffsetDateTime.now(ZoneOffset.UTC), null, null);
    records.insert(campaign);
    if (request.customerIds() != null) {
      records.insertAudience(campaign.id(), request.customerIds());
    }
    Campaign scheduled = campaign.withNextBatch(null, 1, first, jobs.schedule(new Batch(campaign.id(), 1), first));
    records.update(scheduled);
    return scheduled;
  }

  @Transactional(readOnly = true)
  public View view(String id) {
    return view(records.find(id).orElseThrow(() -> notFound(id)));
  }

  /** The newest campaigns, at most {@link #LIST_LIMIT}. */
  @Transactional(readOnly = true)
  public List<View> list() {
    return records.latest(LIST_LIMIT).stream().map(this::view).toList();
  }

  /** Stops a scheduled or running campaign after the batch that may be running now. */
  @Transactional
  public View pause(String id) {
    Campaign campaign = locked(id, Set.of(CampaignStatus.SCHEDULED, CampaignStatus.RUNNING), "paused");
    records.update(campaign.withStatus(CampaignStatus.PAUSED, campaign.audienceSize(), campaign.startedAt(), null));
    return view(id);
  }

  /**
   * Goes on with a paused campaign where it stopped, with a new batch job (due now, or at its start if
   * that is still to come); a job of before the pause that still waits will find it is not the latest.
   */
  @Transactional
  public View resume(String id) {
    Campaign campaign = locked(id, Set.of(CampaignStatus.PAUSED), "resumed");
    jobs.deleteIfFailed(campaign.jobId());
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant due = campaign.startAt().isAfter(now) ? campaign.startAt() : now;
    Batch next = new Batch(id, campaign.batchSeq() + 1);
    CampaignStatus status = campaign.startedAt() == null ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING;
    records.update(campaign.withStatus(status, campaign.audienceSize(), campaign.startedAt(), null)
        .withNextBatch(campaign.cursor(), next.seq(), due, jobs.schedule(next, due)));
    return view(id);
  }

  /** Ends a campaign for good; the journeys it started go on. */
  @Transactional
  public View cancel(String id) {
    Campaign campaign = locked(id, Set.of(CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, CampaignStatus.PAUSED),
        "cancelled");
    jobs.deleteIfFailed(campaign.jobId());
    records.update(campaign.withStatus(CampaignStatus.CANCELLED, campaign.audienceSize(), campaign.startedAt(),
        ClockUtil.getCurrentTime().toInstant()));
    return view(id);
  }

  private Campaign locked(String id, Set<CampaignStatus> allowed, String action) {
    Campaign campaign = records.lock(id).orElseThrow(() -> notFound(id));
    if (!allowed.contains(campaign.status())) {
      throw new Conflict("Campaign " + id + " is " + campaign.status() + "; only a campaign that is "
          + String.join(" or ", allowed.stream().map(Enum::name).sorted().toList()) + " can be " + action);
    }
    return campaign;
  }

  private View view(Campaign campaign) {
    Map<Outcome, Long> outcomes = records.outcomes(campaign.id());
    // The campaign's journeys all started after it was created; conversions are counted as the KPIs count them.
    long converted = kpis.journeys(KpiWindow.ofCampaign(campaign.id(), campaign.createdAt().toInstant(),
        Instant.now().plus(Duration.ofDays(1)))).converted();
    Progress progress = new Progress(outcomes.get(Outcome.STARTED), outcomes.get(Outcome.SKIPPED),
        outcomes.get(Outcome.FAILED) + journeys.failedOfCampaign(campaign.id()), converted);
    String error = campaign.status().active() ? jobs.failure(campaign.jobId()).orElse(null) : null;
    return new View(campaign, progress, error);
  }

  private static NotFound notFound(String id) {
    return new NotFound("No campaign " + id + "; GET /api/campaigns lists them");
  }
}
