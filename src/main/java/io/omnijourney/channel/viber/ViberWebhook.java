package io.omnijourney.channel.viber;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.delivery.JsonWebhooks;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.channel.Signatures;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.delivery.DeliveryReports.Receipt;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/viber}: every callback of our Viber bot. {@code X-Viber-Content-Signature}
 * is the hex HMAC-SHA256 of the raw body keyed with the bot's auth token; it is checked before the
 * body is read, and a missing or wrong one is refused with nothing stored.
 *
 * <p>{@code delivered}, {@code seen} and {@code failed} are delivery reports: one inbox event each,
 * identified by message token and event, so Viber's retries (for up to an hour, until it gets a
 * 200) and duplicates are stored once. {@code unsubscribed} is the customer's opt-out of Viber:
 * every profile with that Viber id is opted out. A {@code message} is what the customer wrote to
 * the bot: kept in the inbox once per message token, like every channel's customer messages. Every
 * other event (the {@code webhook} check of {@code set_webhook}, {@code subscribed},
 * {@code conversation_started}) is answered 200 and not kept. A
 * signed body that is not JSON is kept as a dead letter (see {@link JsonWebhooks}).
 */
@RestController
@Tag(name = "Webhooks", description = "Called by the providers: no login, each checks its provider's signature first")
class ViberWebhook implements JsonWebhooks.Hook {

  static final String SIGNATURE_HEADER = "X-Viber-Content-Signature";
  private static final Logger log = LoggerFactory.getLogger(ViberWebhook.class);
  private static final Map<String, DeliveryStatus> REPORTS = Map.of(
      "delivered", DeliveryStatus.DELIVERED,
      "seen", DeliveryStatus.READ,
      "failed", DeliveryStatus.FAILED);

  /** The source a Viber {@code unsubscribed} opt-out is recorded with. */
  static final String UNSUBSCRIBED = "viber-unsubscribed";

  private final ViberSettings settings;
  private final JsonWebhooks webhooks;
  private final DeliveryReports reports;
  private final Customers customers;
  private final ChannelBlocks blocks;
  private final CustomerMessages inbox;

  ViberWebhook(ViberSettings settings, JsonWebhooks webhooks, DeliveryReports reports, Customers customers,
      ChannelBlocks blocks, CustomerMessages inbox) {
    this.settings = settings;
    this.webhooks = webhooks;
    this.reports = reports;
    this.customers = customers;
    this.blocks = blocks;
    this.inbox = inbox;
  }

  @Operation(summary = "Viber: the bot's callbacks", description = """
      `delivered`, `seen` and `failed` are delivery reports; `unsubscribed` opts the customer out of Viber; \
      `message` is what the customer wrote, kept in the inbox; every other event is acknowledged and not kept.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
      schema = @Schema(type = "object", description = "A Viber callback (`event`, `timestamp`, `message_token`, ...)")))
  @ApiResponse(responseCode = "200", description = """
      Taken: a report answers `{"eventId": "...", "duplicate": false}`, an unreadable one \
      `{"stored": "dead-letter"}`, any other event an empty body""")
  @ApiResponse(responseCode = "401", description = "The signature is missing or does not match, or VIBER_AUTH_TOKEN is not set")
  @PostMapping("/webhooks/viber")
  ResponseEntity<?> receive(
      @Parameter(required = true, description = "The hex HMAC-SHA256 of the raw body, keyed with VIBER_AUTH_TOKEN")
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    return webhooks.receive(ViberProvider.NAME, this, signature, body);
  }

  /** Viber's recipe: the hex HMAC-SHA256 of the raw body, keyed with the bot's auth token. */
  @Override
  public Optional<String> refusal(byte[] raw, String signature) {
    if (settings.authToken() == null) {
      return Optional.of("Viber is not configured here: VIBER_AUTH_TOKEN is not set, so no signature can match");
    }
    String received = signature == null ? null : signature.strip().toLowerCase(Locale.ROOT);
    return Signatures.matches(Signatures.hmacSha256Hex(settings.authToken(), raw), received) ? Optional.empty()
        : Optional.of("The " + SIGNATURE_HEADER + " header is missing or does not match the body");
  }

  /** Any JSON: events this webhook does not know are acknowledged, not kept. */
  @Override
  public boolean readable(JsonNode event) {
    return true;
  }

  @Override
  public String unreadable() {
    return "unreadable callback: not valid JSON";
  }

  @Override
  public ResponseEntity<?> handle(JsonNode event, String payload) {
    String name = event.path("event").asText("");
    if (name.equals("unsubscribed") && !event.path("user_id").asText("").isBlank()) {
      customers.findByViberId(event.path("user_id").asText())
          .forEach(customer -> blocks.optOut(customer.id(), Channel.VIBER, UNSUBSCRIBED));
      return ResponseEntity.ok().build();
    }
    if (name.equals("message")) {
      return customerMessage(event);
    }
    DeliveryStatus status = REPORTS.get(name);
    if (status == null) {
      log.debug("Viber {} callback acknowledged", name.isEmpty() ? "unnamed" : name.replaceAll("[^a-z_]", ""));
      return ResponseEntity.ok().build();
    }
    String messageToken = ViberProvider.messageToken(event.path("message_token"));
    if (messageToken == null) {
      // Signed by Viber but not usable: keep it for operators; a 200 stops Viber's retries.
      reports.deadLetter(ViberProvider.NAME, payload, "unreadable " + name + " callback: no message_token");
      return ResponseEntity.ok(Map.of("stored", "dead-letter"));
    }
    ProviderReport report = new ProviderReport(messageToken + ":" + name, messageToken, status, occurredAt(event));
    Receipt receipt = reports.receive(ViberProvider.NAME, report, payload);
    return ResponseEntity.ok(Map.of("eventId", report.eventId(), "duplicate", receipt == Receipt.DUPLICATE));
  }

  /**
   * What a customer wrote to the bot: kept in the inbox once per message token. Pictures, files and
   * locations keep the words they carry ({@code text}, or a {@code media} caption), if any.
   */
  private ResponseEntity<?> customerMessage(JsonNode event) {
    String messageToken = ViberProvider.messageToken(event.path("message_token"));
    String sender = event.path("sender").path("id").asText("");
    if (messageToken != null && !sender.isBlank()) {
      JsonNode text = event.path("message").get("text");
      inbox.store(new CustomerMessages.Received(Channel.VIBER, ViberProvider.NAME, messageToken, sender,
          text == null || text.isNull() ? null : text.asText(), occurredAt(event)));
    }
    return ResponseEntity.ok().build();
  }

  /** Viber's {@code timestamp} is in milliseconds; without one, the time it arrived. */
  private static OffsetDateTime occurredAt(JsonNode event) {
    JsonNode timestamp = event.path("timestamp");
    Instant at = timestamp.canConvertToLong() ? Instant.ofEpochMilli(timestamp.asLong()) : Instant.now();
    return at.atOffset(ZoneOffset.UTC);
  }
}
