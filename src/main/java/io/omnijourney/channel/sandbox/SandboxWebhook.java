package io.omnijourney.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.channel.Signatures;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.delivery.DeliveryReports.Receipt;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderReport;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/sandbox}: the sandbox's delivery report. The signature is checked over the
 * raw body before anything is read or stored; a report older than an hour is refused as stale
 * (a replay), as a real provider's timestamped signature would be. A report dated more than a few
 * minutes ahead is refused too, storing nothing: no clock is that far off, and a date in the future
 * would outlive the staleness check and sort after every real report.
 */
@RestController
@SandboxEnabled
class SandboxWebhook {

  static final String SIGNATURE_HEADER = "X-Sandbox-Signature";
  private static final Duration MAX_AGE = Duration.ofHours(1);
  /** How far the sender's clock may run ahead of ours. */
  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Map<String, DeliveryStatus> STATUSES = Map.of(
      "sent", DeliveryStatus.SENT,
      "delivered", DeliveryStatus.DELIVERED,
      "read", DeliveryStatus.READ,
      "failed", DeliveryStatus.FAILED);

  private final SandboxSettings settings;
  private final DeliveryReports reports;
  private final ObjectMapper json;

  SandboxWebhook(SandboxSettings settings, DeliveryReports reports, ObjectMapper json) {
    this.settings = settings;
    this.reports = reports;
    this.json = json;
  }

  @PostMapping("/webhooks/sandbox")
  ResponseEntity<?> receive(
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    byte[] raw = body == null ? new byte[0] : body;
    if (!Signatures.matches(SandboxCallbacks.sign(settings.secret(), raw), signature)) {
      return Signatures.refuse("The " + SIGNATURE_HEADER + " header is missing or does not match the body");
    }
    String payload = new String(raw, StandardCharsets.UTF_8);
    ProviderReport report;
    try {
      report = parse(payload);
    } catch (IOException e) {
      // Jackson's message quotes the body, which may hold personal data: name the problem only.
      reports.deadLetter(SandboxProvider.NAME, payload, "unreadable report: not valid JSON");
      return ResponseEntity.accepted().body(Map.of("stored", "dead-letter"));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      reports.deadLetter(SandboxProvider.NAME, payload, "unreadable report: " + e.getMessage());
      return ResponseEntity.accepted().body(Map.of("stored", "dead-letter"));
    }
    OffsetDateTime now = OffsetDateTime.now();
    if (report.occurredAt().isBefore(now.minus(MAX_AGE))) {
      return Signatures.refuse("The report is older than " + MAX_AGE.toMinutes() + " minutes; refused as stale");
    }
    if (report.occurredAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw new InvalidRequest(List.of(new FieldError("at",
          "is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future")));
    }
    Receipt receipt = reports.receive(SandboxProvider.NAME, report, payload);
    return ResponseEntity.ok(Map.of("eventId", report.eventId(), "duplicate", receipt == Receipt.DUPLICATE));
  }

  private ProviderReport parse(String payload) throws IOException {
    JsonNode node = json.readTree(payload);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String eventId = required(node, "eventId");
    String providerMessageId = required(node, "providerMessageId");
    DeliveryStatus status = STATUSES.get(required(node, "status"));
    if (status == null) {
      throw new IllegalArgumentException("unknown status " + node.get("status"));
    }
    return new ProviderReport(eventId, providerMessageId, status, OffsetDateTime.parse(required(node, "at")));
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.asText();
  }
}
