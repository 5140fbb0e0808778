package io.omnijourney.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Signatures;
import io.omnijourney.customer.ContactFormats;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.inbox.CustomerMessages.Received;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.delivery.DeliveryReports.Receipt;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderReport;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/sandbox}: the sandbox's delivery report, or a customer's message
 * ({@code "type": "message"}), which goes where a real provider's inbound message goes. The signature is checked over the
 * raw body before anything is read or stored; a report older than an hour is refused as stale
 * (a replay), as a real provider's timestamped signature would be. A report dated more than a few
 * minutes ahead is refused too, storing nothing: no clock is that far off, and a date in the future
 * would outlive the staleness check and sort after every real report.
 */
@RestController
@SandboxEnabled
@Tag(name = "Webhooks", description = "Called by the providers: no login, each checks its provider's signature first")
class SandboxWebhook {

  /** The report's shape, for the OpenAPI document; {@link #parse} reads it field by field. */
  @Schema(name = "SandboxReport", requiredProperties = {"eventId", "providerMessageId", "status", "at"})
  record Report(String eventId, String providerMessageId,
      @Schema(allowableValues = {"sent", "delivered", "read", "failed"}) String status, OffsetDateTime at) {}

  /** A customer's message's shape, for the OpenAPI document; {@link #customerMessage} reads it. */
  @Schema(name = "SandboxCustomerMessage", requiredProperties = {"eventId", "type", "channel", "from", "at"})
  record CustomerMessage(String eventId, @Schema(allowableValues = "message") String type,
      @Schema(allowableValues = {"sms", "whatsapp", "telegram", "viber", "email"}) String channel, String from,
      String text, OffsetDateTime at) {}

  /** The answer to a stored report, for the OpenAPI document. */
  @Schema(name = "WebhookReceipt", requiredProperties = {"eventId", "duplicate"})
  record Answer(String eventId, boolean duplicate) {}

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
  private final CustomerMessages inbox;

  SandboxWebhook(SandboxSettings settings, DeliveryReports reports, ObjectMapper json, CustomerMessages inbox) {
    this.settings = settings;
    this.reports = reports;
    this.json = json;
    this.inbox = inbox;
  }

  @Operation(summary = "The sandbox's delivery report, or a customer's message", description = """
      Signed like a real provider's report; one older than an hour is refused as a replay. A signed body \
      that cannot be read is kept as a dead letter and answered 202. With `"type": "message"` it is a \
      customer's message instead (`eventId`, `channel`, `from`: their address there, `text`, `at`), which \
      joins or opens their conversation.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
      schema = @Schema(oneOf = {Report.class, CustomerMessage.class})))
  @ApiResponse(responseCode = "200", description = "Stored (`duplicate`: the event came before)",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = Answer.class)))
  @ApiResponse(responseCode = "202", description = "Signed but unreadable: kept as a dead letter, `{\"stored\": \"dead-letter\"}`")
  @ApiResponse(responseCode = "400", description = "`at` is more than 5 minutes in the future; nothing is stored")
  @ApiResponse(responseCode = "401", description = "The signature is missing or wrong, or the report is older than an hour")
  @PostMapping("/webhooks/sandbox")
  ResponseEntity<?> receive(
      @Parameter(required = true, description = """
          `sha256=` and the hex HMAC-SHA256 of the raw body, keyed with OMNIJOURNEY_SANDBOX_SECRET""")
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    byte[] raw = body == null ? new byte[0] : body;
    if (!Signatures.matches(SandboxCallbacks.sign(settings.secret(), raw), signature)) {
      return Signatures.refuse("The " + SIGNATURE_HEADER + " header is missing or does not match the body");
    }
    String payload = new String(raw, StandardCharsets.UTF_8);
    Optional<Received> message;
    try {
      message = customerMessage(payload);
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      // Not a readable message: read it as a report, which keeps what it cannot read as a dead letter.
      message = Optional.empty();
    }
    if (message.isPresent()) {
      Received received = message.get();
      if (received.sentAt().isBefore(OffsetDateTime.now().minus(MAX_AGE))) {
        return Signatures.refuse("The message is older than " + MAX_AGE.toMinutes() + " minutes; refused as stale");
      }
      if (received.sentAt().isAfter(OffsetDateTime.now().plus(MAX_CLOCK_SKEW))) {
        throw new InvalidRequest(List.of(new FieldError("at",
            "is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future")));
      }
      boolean fresh = inbox.store(received);
      Map<String, Object> answer = new LinkedHashMap<>(Map.of("eventId", received.providerEventId(), "duplicate", !fresh));
      // Routed already when the listener ran at once (no transaction here): say where it went.
      inbox.find(SandboxProvider.NAME, received.providerEventId()).map(CustomerMessages.Stored::conversationId)
          .ifPresent(conversation -> answer.put("conversationId", conversation));
      return ResponseEntity.ok(answer);
    }
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

  /**
   * A customer's message ({@code "type": "message"}): {@code from} is their address on the channel,
   * a phone in any notation for SMS and WhatsApp, an email, a chat id. Empty for a report.
   */
  private Optional<Received> customerMessage(String payload) throws IOException {
    JsonNode node = json.readTree(payload);
    if (node == null || !node.isObject() || !"message".equals(node.path("type").asText())) {
      return Optional.empty();
    }
    String channelId = required(node, "channel");
    Channel channel = Channel.fromId(channelId)
        .filter(c -> c != Channel.PUSH)
        .orElseThrow(() -> new IllegalArgumentException("unknown channel " + channelId));
    String from = required(node, "from");
    String address = switch (channel) {
      case SMS, WHATSAPP -> ContactFormats.e164(from).orElse(from);
      case EMAIL -> ContactFormats.email(from).orElse(from);
      default -> from;
    };
    JsonNode text = node.get("text");
    return Optional.of(new Received(channel, SandboxProvider.NAME, required(node, "eventId"), address,
        text == null || text.isNull() ? null : text.asText(), OffsetDateTime.parse(required(node, "at"))));
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
