package io.omnijourney.journey;

import io.omnijourney.delivery.Delivery;
import io.omnijourney.journey.Journeys.IdempotencyKeyReused;
import io.omnijourney.journey.Journeys.JourneyView;
import io.omnijourney.journey.Journeys.Started;
import io.omnijourney.journey.Playbooks.Playbook;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
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
class JourneyController {

  record StartedBody(String journeyId, String playbook, String businessKey, String status) {}

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
  record ReplyBody(long messageId, String channel, OffsetDateTime repliedAt, boolean optOut, String text) {
    static ReplyBody of(JourneyView view) {
      var r = view.reply();
      return r == null ? null : new ReplyBody(r.messageId(), r.channel(), r.repliedAt(), r.optOut(), view.replyText());
    }
  }

  record JourneyBody(String journeyId, String playbook, String businessKey, String customerId, String status,
      List<String> waitingAt, List<DeliveryBody> deliveries, OffsetDateTime createdAt, OffsetDateTime endedAt,
      ReplyBody reply) {}

  private final Journeys journeys;
  private final Playbooks playbooks;

  JourneyController(Journeys journeys, Playbooks playbooks) {
    this.journeys = journeys;
    this.playbooks = playbooks;
  }

  @PostMapping("/journeys")
  ResponseEntity<StartedBody> start(
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

  @GetMapping("/journeys/{journeyId}")
  JourneyBody journey(@PathVariable String journeyId) {
    JourneyView view = journeys.find(journeyId);
    var j = view.journey();
    return new JourneyBody(j.id(), j.playbook(), j.businessKey(), j.customerId(), j.status().name(), view.waitingAt(),
        view.deliveries().stream().map(DeliveryBody::of).toList(), j.createdAt(), j.endedAt(), ReplyBody.of(view));
  }

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
