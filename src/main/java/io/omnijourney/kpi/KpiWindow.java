package io.omnijourney.kpi;

import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the KPIs are asked for: a time window {@code [from, to)} and optionally one playbook and one
 * campaign (its id). Without {@code from} and {@code to} it is the last 7 days.
 */
public record KpiWindow(Instant from, Instant to, String playbook, String campaign) {

  static final Duration DEFAULT_LENGTH = Duration.ofDays(7);
  private static final Pattern PLAYBOOK = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");
  private static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9-]{1,36}");

  /** A campaign's journeys started in {@code [from, to)}, of every playbook. */
  public static KpiWindow ofCampaign(String campaign, Instant from, Instant to) {
    return new KpiWindow(from, to, null, campaign);
  }

  /**
   * Reads the request's parameters; a value that does not parse is a 400 naming its parameter.
   * Instants are ISO-8601 with an offset, e.g. {@code 2026-12-01T00:00:00Z}.
   */
  public static KpiWindow parse(String from, String to, String playbook, String campaign, Clock clock) {
    List<FieldError> errors = new ArrayList<>();
    Instant start = instant("from", from, errors);
    Instant end = instant("to", to, errors);
    String name = blank(playbook) ? null : playbook.trim();
    if (name != null && !PLAYBOOK.matcher(name).matches()) {
      errors.add(new FieldError("playbook", "is not a playbook name (lower-case letters, digits and -)"));
    }
    String campaignId = blank(campaign) ? null : campaign.trim();
    if (campaignId != null && !CAMPAIGN.matcher(campaignId).matches()) {
      errors.add(new FieldError("campaign", "is not a campaign id (GET /api/campaigns lists them)"));
    }
    if (errors.isEmpty()) {
      if (end == null) {
        end = start == null ? clock.instant() : start.plus(DEFAULT_LENGTH);
      }
      if (start == null) {
        start = end.minus(DEFAULT_LENGTH);
      }
      if (!start.isBefore(end)) {
        errors.add(new FieldError("to", "must be after from"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequest(errors);
    }
    return new KpiWindow(start, end, name, campaignId);
  }

  private static Instant instant(String field, String value, List<FieldError> errors) {
    if (blank(value)) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(value.trim()).toInstant();
      } catch (DateTimeParseException again) {
        errors.add(new FieldError(field, "is not an ISO-8601 instant such as 2026-12-01T00:00:00Z"));
        return null;
      }
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
