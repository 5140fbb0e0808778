package io.omnijourney.campaign;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.omnijourney.campaign.Campaigns.NewCampaign;
import io.omnijourney.campaign.Campaigns.View;
import io.omnijourney.journey.Journeys;
import io.omnijourney.segment.Segments;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.omnijourney.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/campaigns}: start a playbook for a segment or a list of customers at a rate, follow its
 * progress, pause, resume or cancel it (docs/campaigns.md).
 */
@RestController
@RequestMapping("/api/campaigns")
@Tag(name = "Campaigns", description = "One playbook for many customers, at a rate, each customer once")
class CampaignController {

  /** {@code audience}: a segment's name, or the customers' ids. */
  @Schema(name = "CampaignAudience", description = "Exactly one of segment and customerIds")
  record AudienceRequest(
      @Schema(example = "fa-telegram") String segment,
      @Schema(description = "1 to " + MAX_IDS + " customer ids; an id listed twice counts once") List<String> customerIds) {}

  @Schema(name = "CampaignRequest", requiredProperties = {"name", "playbook", "audience", "ratePerSecond"})
  record CampaignRequest(
      @Schema(description = "1 to 200 characters", example = "yalda-2026") String name,
      @Schema(example = "discount-campaign") String playbook,
      AudienceRequest audience,
      @Schema(description = "The journeys' variables, as in a journey's start") Map<String, Object> variables,
      @Schema(description = "When the first batch goes (ISO-8601); default now", example = "2026-12-20T08:00:00Z",
          format = "date-time") String startAt,
      @Schema(description = "Journeys started a second", example = "50") Double ratePerSecond) {}

  @Schema(name = "CampaignCreated", requiredProperties = {"campaignId", "status"})
  record CreatedBody(String campaignId, String status) {}

  @Schema(name = "Campaign", requiredProperties = {"campaignId", "name", "playbook", "status", "audienceSize",
      "started", "skipped", "failed", "converted", "variables", "startAt", "ratePerSecond", "createdAt"})
  record CampaignBody(
      String campaignId, String name, String playbook,
      @Schema(allowableValues = {"SCHEDULED", "RUNNING", "PAUSED", "DONE", "CANCELLED"}) String status,
      @Schema(description = "The listed customers; a segment's size when the campaign started (at its creation"
          + " while scheduled); once done, the customers it handled") long audienceSize,
      long started,
      @Schema(description = "Opted out or unreachable on every channel of the playbook") long skipped,
      @Schema(description = "Journeys that could not start, or that ended FAILED") long failed,
      @Schema(description = "Journeys that caught their goal event (a purchase, a payment)") long converted,
      String segment, Map<String, Object> variables, Instant startAt, double ratePerSecond, String createdBy,
      OffsetDateTime createdAt, Instant startedAt, Instant endedAt,
      @Schema(description = "Why the batches stopped, when one failed on every retry; pause and resume the"
          + " campaign once the cause is fixed") String error) {

    static CampaignBody of(View view) {
      Campaign c = view.campaign();
      var p = view.progress();
      return new CampaignBody(c.id(), c.name(), c.playbook(), c.status().name(), c.audienceSize(), p.started(),
          p.skipped(), p.failed(), p.converted(), c.segment(), c.variables(), c.startAt(), c.ratePerSecond(),
          c.createdBy(), c.createdAt(), c.startedAt(), c.endedAt(), view.error());
    }
  }

  static final int MAX_IDS = 100_000;
  private static final int MAX_NAME = 200;
  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

  private final Campaigns campaigns;
  private final Journeys journeys;
  private final Segments segments;
  private final CampaignSettings settings;
  private final ObjectReader requests;

  CampaignController(Campaigns campaigns, Journeys journeys, Segments segments, CampaignSettings settings,
      ObjectMapper json) {
    this.campaigns = campaigns;
    this.journeys = journeys;
    this.segments = segments;
    this.settings = settings;
    // A misspelt field is refused, never ignored: ignoring "customerIDs" would start nobody, or everybody.
    this.requests = json.readerFor(CampaignRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  @Operation(summary = "Create a campaign", description = """
      Starts the playbook for every customer of the audience (a segment, walked in id order and evaluated \
      page by page, or a list of ids), from `startAt` on, `ratePerSecond` journeys a second, each customer \
      at most once. Customers no channel of the playbook can reach (opted out, blocked, no address) are \
      skipped. Every field is checked, and each variable the playbook's messages need.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
      schema = @Schema(implementation = CampaignRequest.class), examples = @ExampleObject(value = """
      {"name": "yalda-2026", "playbook": "discount-campaign", "audience": {"segment": "fa-telegram"},
       "variables": {"discount": "20%", "offerUrl": "https://shop.example/yalda", "validUntil": "2026-12-22"},
       "startAt": "2026-12-20T08:00:00Z", "ratePerSecond": 50}""")))
  @ApiResponse(responseCode = "201", description = "Created and scheduled", headers = @Header(name = "Location",
      description = "/api/campaigns/{campaignId}", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = """
      Bad fields, each named: also an unknown playbook or segment, and each variable a message template of \
      the playbook needs and the campaign lacks (`variables.discount`)""")
  @PostMapping
  ResponseEntity<CreatedBody> create(@RequestBody JsonNode body, Authentication caller) {
    List<FieldError> problems = new ArrayList<>();
    CampaignRequest request = read(body, problems);
    NewCampaign campaign = request == null ? null : check(request, problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequest(problems);
    }
    long audienceSize = campaign.segment() != null
        ? segments.preview(campaign.segment()).size() : campaign.customerIds().size();
    Campaign created = campaigns.create(campaign, audienceSize, caller.getName());
    return ResponseEntity.created(URI.create("/api/campaigns/" + created.id()))
        .body(new CreatedBody(created.id(), created.status().name()));
  }

  @Operation(summary = "The campaigns", description = "The newest " + Campaigns.LIST_LIMIT + " campaigns, newest first, each with its progress.")
  @ApiResponse(responseCode = "200", description = "The campaigns")
  @GetMapping
  List<CampaignBody> list() {
    return campaigns.list().stream().map(CampaignBody::of).toList();
  }

  @Operation(summary = "A campaign and its progress", description = """
      Its status and how far it got: journeys `started`, customers `skipped` (opted out or unreachable), \
      `failed` (the start was refused, or the journey ended FAILED) and `converted`.""")
  @ApiResponse(responseCode = "200", description = "The campaign")
  @ApiResponse(responseCode = "404", description = "No campaign with this id")
  @GetMapping("/{id}")
  CampaignBody get(@PathVariable String id) {
    return CampaignBody.of(campaigns.view(id));
  }

  @Operation(summary = "Pause a campaign", description = """
      No batch starts after the one that may be running now; `resume` goes on where it stopped.""")
  @ApiResponse(responseCode = "200", description = "The campaign, PAUSED")
  @ApiResponse(responseCode = "404", description = "No campaign with this id")
  @ApiResponse(responseCode = "409", description = "The campaign is not SCHEDULED or RUNNING")
  @PostMapping("/{id}/pause")
  CampaignBody pause(@PathVariable String id) {
    return CampaignBody.of(campaigns.pause(id));
  }

  @Operation(summary = "Resume a paused campaign", description = """
      Its next batch is due now (or at `startAt`, if that is still to come), after the last customer it \
      handled; nobody is started twice.""")
  @ApiResponse(responseCode = "200", description = "The campaign, RUNNING (SCHEDULED if it never started)")
  @ApiResponse(responseCode = "404", description = "No campaign with this id")
  @ApiResponse(responseCode = "409", description = "The campaign is not PAUSED")
  @PostMapping("/{id}/resume")
  CampaignBody resume(@PathVariable String id) {
    return CampaignBody.of(campaigns.resume(id));
  }

  @Operation(summary = "Cancel a campaign", description = """
      No more journeys start; the journeys it started go on (a business event or an erasure ends them).""")
  @ApiResponse(responseCode = "200", description = "The campaign, CANCELLED")
  @ApiResponse(responseCode = "404", description = "No campaign with this id")
  @ApiResponse(responseCode = "409", description = "The campaign is DONE or CANCELLED")
  @PostMapping("/{id}/cancel")
  CampaignBody cancel(@PathVariable String id) {
    return CampaignBody.of(campaigns.cancel(id));
  }

  /** The body, read strictly: an unknown field or a wrong type is a problem naming it. */
  private CampaignRequest read(JsonNode body, List<FieldError> problems) {
    if (body == null || !body.isObject()) {
      problems.add(new FieldError("body", "must be a JSON object"));
      return null;
    }
    try {
      return requests.readValue(body);
    } catch (UnrecognizedPropertyException e) {
      problems.add(new FieldError(Problems.field(e), "is not a field of a campaign; it knows "
          + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList())));
    } catch (MismatchedInputException e) {
      problems.add(new FieldError(Problems.field(e), "has the wrong type"));
    } catch (IOException e) {
      problems.add(new FieldError("body", "is not a campaign"));
    }
    return null;
  }

  /** Every field checked, each problem added; the campaign to create when there is none. */
  private NewCampaign check(CampaignRequest r, List<FieldError> problems) {
    int before = problems.size();
    if (r.name() == null || r.name().isBlank() || r.name().length() > MAX_NAME) {
      problems.add(new FieldError("name", "must be 1 to " + MAX_NAME + " characters"));
    }
    Map<String, Object> variables = r.variables() == null ? Map.of() : r.variables();
    if (r.playbook() == null || r.playbook().isBlank()) {
      problems.add(new FieldError("playbook", "is needed: the playbook each customer's journey runs"));
    } else {
      problems.addAll(journeys.startProblems(r.playbook(), variables));
    }
    String segment = null;
    List<String> customerIds = null;
    if (r.audience() == null || (r.audience().segment() == null) == (r.audience().customerIds() == null)) {
      problems.add(new FieldError("audience", "must be {\"segment\": name} or {\"customerIds\": [...]}"));
    } else if (r.audience().segment() != null) {
      segment = r.audience().segment();
      if (segments.find(segment).isEmpty()) {
        problems.add(new FieldError("audience.segment", "names no segment; GET /api/segments lists them"));
      }
    } else {
      customerIds = customerIds(r.audience().customerIds(), problems);
    }
    Instant startAt = null;
    if (r.startAt() != null) {
      try {
        startAt = OffsetDateTime.parse(r.startAt()).toInstant();
      } catch (DateTimeParseException e) {
        problems.add(new FieldError("startAt", "must be an ISO-8601 instant such as 2026-12-20T08:00:00Z"));
      }
    }
    if (r.ratePerSecond() == null || !(r.ratePerSecond() > 0) || r.ratePerSecond() > settings.maxRatePerSecond()) {
      problems.add(new FieldError("ratePerSecond", "must be a number above 0 and at most "
          + settings.maxRatePerSecond() + " (journeys started a second)"));
    }
    return problems.size() > before ? null
        : new NewCampaign(r.name().strip(), r.playbook(), segment, customerIds, variables, startAt, r.ratePerSecond());
  }

  private static List<String> customerIds(List<String> ids, List<FieldError> problems) {
    if (ids.isEmpty() || ids.size() > MAX_IDS) {
      problems.add(new FieldError("audience.customerIds", "must list 1 to " + MAX_IDS + " customer ids"));
      return null;
    }
    int before = problems.size();
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null || !CUSTOMER_ID.matcher(ids.get(i)).matches()) {
        problems.add(new FieldError("audience.customerIds[" + i + "]",
            "must be a customer id: 1 to 64 letters, digits and . _ : @ -"));
      }
    }
    return problems.size() > before ? null : List.copyOf(new LinkedHashSet<>(ids));
  }
}
