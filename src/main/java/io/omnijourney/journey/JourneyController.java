package io.omnijourney.journey;

import io.omnijourney.delivery.Delivery;
import io.omnijourney.journey.Journeys.IdempotencyKeyReused;
import io.omnijourney.journey.Journeys.JourneyView;
import io.omnijourney.journey.Journeys.Started;
import io.omnijourney.journey.Playbooks.Playbook;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/journeys} and {@code /api/playbooks}. */
@RestController
@RequestMapping("/api")
@Tag(name = "Journeys", description = "Start playbooks for customers and follow them")
class JourneyController {

  @Schema(requiredProperties = {"journeyId", "playbook", "status"})
  record StartedBody(String journeyId, String playbook, String businessKey, String status) {}

  @Schema(name = "Delivery", requiredProperties = {"deliveryId", "channel", "status", "late", "createdAt", "updatedAt"})
  record DeliveryBody(String deliveryId, String channel, String provider, String status, String providerMessageId,
      boolean late, Integer segments, String errorCode, String policyNote, OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {
    static DeliveryBody of(Delivery d) {
      return new DeliveryBody(d.id(), d.channel().id(), d.provider(), d.status().name(), d.providerMessageId(),
          d.late(), d.segments(), d.errorCode(), d.policyNote(), d.createdAt(), d.updatedAt());
    }
  }

  /**
   * The customer's message that reached the journey as its reply: the inbox message id, the channel,
   * when they wrote it, whether it was an opt-out keyword (STOP) rather than feedback, and its text.
   */
  @Schema(name = "Reply", requiredProperties = {"messageId", "channel", "repliedAt", "optOut"})
  record ReplyBody(long messageId, String channel, OffsetDateTime repliedAt, boolean optOut, String text) {
    static ReplyBody of(JourneyView view) {
      var r = view.reply();
      return r == null ? null : new ReplyBody(r.messageId(), r.channel(), r.repliedAt(), r.optOut(), view.replyText());
    }
  }

  @Schema(name = "Journey", requiredProperties = {"journeyId", "playbook", "status", "waitingAt", "deliveries",
      "createdAt"})
  record JourneyBody(String journeyId, String playbook, String businessKey, String customerId, String status,
      @Schema(description = "What the journey's end means, when its end event names it: e.g. `cancelled` for an"
          + " appointment the customer cancelled by replying; absent while it runs and for ends without one")
      String outcome,
      List<String> waitingAt, List<DeliveryBody> deliveries, OffsetDateTime createdAt, OffsetDateTime endedAt,
      ReplyBody reply,
      @Schema(description = "The campaign that started the journey, if one did") String campaignId,
      @Schema(description = "The variant of an A/B split (\"Split A/B\") the journey took, once it took one")
          String variant) {}

  private final Journeys journeys;
  private final Playbooks playbooks;

  JourneyController(Journeys journeys, Playbooks playbooks) {
    this.journeys = journeys;
    this.playbooks = playbooks;
  }

  @Operation(summary = "Start a journey", description = """
      Starts the playbook's latest version for the customer, creating or updating their profile from \
      `customer`. With an `Idempotency-Key`, the same request again starts nothing and answers 200 with \
      the first answer.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"playbook": "order-confirmation", "businessKey": "order-1001",
       "customer": {"id": "cust-42", "phone": "+989121234567", "email": "sara@example.com", "locale": "fa"},
       "variables": {"orderNumber": "1001", "smsTimeout": "PT10S", "invoiceDelay": "PT30S"}}""")))
  @ApiResponse(responseCode = "201", description = "Started", headers = @Header(name = "Location",
      description = "/api/journeys/{journeyId}", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "200", description = "Started before with this Idempotency-Key: the first answer again")
  @ApiResponse(responseCode = "400", description = """
      Bad fields, each named: also each variable a message template of the playbook needs and the start \
      lacks (`variables.orderNumber`), an unknown `template`, and a bad Idempotency-Key""")
  @ApiResponse(responseCode = "404", description = "No playbook of that name is deployed")
  @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used before for another request")
  @PostMapping("/journeys")
  ResponseEntity<StartedBody> start(
      @Parameter(in = ParameterIn.HEADER, description = "Makes a retried start safe: 1 to 255 characters",
          example = "order-1001-start")
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestBody @Valid StartJourneyRequest request) {
    List<FieldError> problems = request.problems();
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
      problems = new java.util.ArrayList<>(problems);
      problems.add(new FieldError("Idempotency-Key", "must be 1 to 255 characters"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequest(problems);
    }
    Started started = journeys.start(request, idempotencyKey);
    var journey = started.journey();
    StartedBody body = new StartedBody(journey.id(), journey.playbook(), journey.businessKey(), journey.status().name());
    return started.created()
        ? ResponseEntity.created(URI.create("/api/journeys/" + journey.id())).body(body)
        : ResponseEntity.ok(body);
  }

  @Operation(summary = "A journey", description = """
      Its status, its outcome once it ended at a step that names one, where it waits, every delivery (with \
      `policyNote` when quiet hours or the frequency cap held it back) and the customer's reply, if one \
      reached it.""")
  @ApiResponse(responseCode = "200", description = "The journey")
  @ApiResponse(responseCode = "404", description = "No journey with this id")
  @GetMapping("/journeys/{journeyId}")
  JourneyBody journey(@PathVariable String journeyId) {
    JourneyView view = journeys.find(journeyId);
    var j = view.journey();
    return new JourneyBody(j.id(), j.playbook(), j.businessKey(), j.customerId(), j.status().name(), j.outcome(),
        view.waitingAt(),
        view.deliveries().stream().map(DeliveryBody::of).toList(), j.createdAt(), j.endedAt(), ReplyBody.of(view),
        j.campaignId(), j.variant());
  }

  @Operation(summary = "The deployed playbooks", description = "Each at its latest version.")
  @ApiResponse(responseCode = "200", description = "The playbooks, by key")
  @GetMapping("/playbooks")
  List<Playbook> playbooks() {
    return playbooks.list();
  }

  @ExceptionHandler(IdempotencyKeyReused.class)
  ProblemDetail keyReused(IdempotencyKeyReused e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    problem.setTitle("Idempotency-Key reused");
    return problem;
  }
}
