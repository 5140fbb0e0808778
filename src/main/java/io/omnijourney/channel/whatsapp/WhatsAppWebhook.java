package io.omnijourney.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.delivery.JsonWebhooks;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.channel.ProviderSettings;
import io.omnijourney.channel.Signatures;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.delivery.DeliveryReports.Receipt;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderReport;
import io.omnijourney.inbox.CustomerMessages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /webhooks/whatsapp}, Meta's webhook for the Cloud API.
 * <ul>
 *   <li>{@code GET}: the subscription handshake. Meta sends {@code hub.mode=subscribe}, our verify
 *       token and a challenge; we echo the challenge as plain text when the token matches, else 403.
 *   <li>{@code POST}: signed with {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>},
 *       checked over the raw bytes before anything is read. One POST may carry several
 *       {@code entry[].changes[].value.statuses[]}, in any order (a {@code read} before its
 *       {@code delivered}); each becomes its own report with the event id {@code wamid:status}, so a
 *       repeat is a duplicate and the ledger keeps the furthest status. Customers' own messages
 *       ({@code value.messages[]}) go to the inbox.
 * </ul>
 * Meta retries anything but a 200, so a signed body we cannot read is kept as a dead letter and
 * answered 200 too (see {@link JsonWebhooks}).
 */
@RestController
@Tag(name = "Webhooks", description = "Called by the providers: no login, each checks its provider's signature first")
class WhatsAppWebhook implements JsonWebhooks.Hook {

  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
  private static final Map<String, DeliveryStatus> STATUSES = Map.of(
      "sent", DeliveryStatus.SENT,
      "delivered", DeliveryStatus.DELIVERED,
      "read", DeliveryStatus.READ,
      "failed", DeliveryStatus.FAILED);

  private final WhatsAppSettings settings;
  private final JsonWebhooks webhooks;
  private final DeliveryReports reports;
  private final CustomerMessages inbound;

  WhatsAppWebhook(WhatsAppSettings settings, JsonWebhooks webhooks, DeliveryReports reports, CustomerMessages inbound) {
    this.settings = settings;
    this.webhooks = webhooks;
    this.reports = reports;
    this.inbound = inbound;
  }

  @Operation(summary = "WhatsApp: Meta's subscription handshake", description = """
      Echoes `hub.challenge` when `hub.mode` is `subscribe` and `hub.verify_token` is WHATSAPP_VERIFY_TOKEN.""")
  @ApiResponse(responseCode = "200", description = "The challenge",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "403", description = "Not a subscription, or the verify token does not match",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  @GetMapping("/webhooks/whatsapp")
  ResponseEntity<String> verify(
      @RequestParam(name = "hub.mode", required = false) String mode,
      @RequestParam(name = "hub.verify_token", required = false) String verifyToken,
      @RequestParam(name = "hub.challenge", required = false) String challenge) {
    boolean configured = settings.verifyToken() != null;
    if (!"subscribe".equals(mode) || !configured || !Signatures.matches(settings.verifyToken(), verifyToken)
        || challenge == null) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
          .body("hub.verify_token does not match");
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
  }

  @Operation(summary = "WhatsApp: delivery statuses and customers' messages", description = """
      Meta's notification: each `entry[].changes[].value.statuses[]` is a delivery report, each \
      `messages[]` a customer's message for the inbox. A signed body that cannot be read is kept as a dead \
      letter and answered 200, since Meta retries anything else.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
      schema = @Schema(type = "object", description = "Meta's webhook notification (object whatsapp_business_account)")))
  @ApiResponse(responseCode = "200", description = """
      Read: `{"statuses": n, "duplicates": n, "messages": n}`; or kept as a dead letter: \
      `{"stored": "dead-letter"}`""", content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
  @ApiResponse(responseCode = "401", description = "The signature is missing or does not match the body")
  @PostMapping("/webhooks/whatsapp")
  ResponseEntity<?> receive(
      @Parameter(required = true, description = """
          `sha256=` and the hex HMAC-SHA256 of the raw body, keyed with the Meta app secret (WHATSAPP_APP_SECRET)""")
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    return webhooks.receive(WhatsAppProvider.NAME, this, signature, body);
  }

  @Override
  public Optional<String> refusal(byte[] raw, String signature) {
    return signatureMatches(settings.appSecret(), raw, signature) ? Optional.empty()
        : Optional.of("The " + SIGNATURE_HEADER + " header is missing or does not match the body");
  }

  @Override
  public String unreadable() {
    return "unreadable webhook: not a JSON object";
  }

  /** Every status and every customer's message of the body, each on its own. */
  @Override
  public ResponseEntity<?> handle(JsonNode root, String payload) {
    int reported = 0;
    int duplicates = 0;
    int messages = 0;
    for (JsonNode entry : root.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        JsonNode value = change.path("value");
        for (JsonNode status : value.path("statuses")) {
          ProviderReport report = report(status);
          if (report == null) {
            reports.deadLetter(WhatsAppProvider.NAME, status.toString(), "unreadable status: missing id,"
                + " unknown status or bad timestamp");
            continue;
          }
          reported++;
          if (reports.receive(WhatsAppProvider.NAME, report, status.toString()) == Receipt.DUPLICATE) {
            duplicates++;
          }
        }
        for (JsonNode message : value.path("messages")) {
          if (storeInbound(message)) {
            messages++;
          }
        }
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("statuses", reported);
    answer.put("duplicates", duplicates);
    answer.put("messages", messages);
    return ResponseEntity.ok(answer);
  }

  /** Meta's recipe: {@code sha256=} and the lower-case hex HMAC-SHA256 of the raw body, keyed by the app secret. */
  static boolean signatureMatches(String appSecret, byte[] raw, String header) {
    if (ProviderSettings.value(appSecret) == null) {
      return false;
    }
    return Signatures.matches("sha256=" + Signatures.hmacSha256Hex(appSecret, raw), header);
  }

  /** One status as a report, or null when it cannot be read. */
  private static ProviderReport report(JsonNode status) {
    String id = status.path("id").asText("");
    DeliveryStatus mapped = STATUSES.get(status.path("status").asText(""));
    OffsetDateTime at = time(status.path("timestamp"));
    if (id.isBlank() || mapped == null || at == null) {
      return null;
    }
    JsonNode errors = status.path("errors");
    return new ProviderReport(id + ":" + status.path("status").asText(), id, mapped, at,
        mapped.isFailure() ? WhatsAppErrors.blockOf(errors) : Block.NONE,
        errors.path(0).path("code").canConvertToInt() ? errors.path(0).path("code").asText() : null);
  }

  /** A customer's message: kept for the inbox, text or not. Returns whether it was new. */
  private boolean storeInbound(JsonNode message) {
    String id = message.path("id").asText("");
    String from = message.path("from").asText("");
    if (id.isBlank() || from.isBlank()) {
      return false;
    }
    // wa_id is the number without its "+"; profiles keep E.164.
    String sender = from.startsWith("+") ? from : "+" + from;
    String text = "text".equals(message.path("type").asText()) ? message.path("text").path("body").asText(null) : null;
    return inbound.store(new CustomerMessages.Received(Channel.WHATSAPP, WhatsAppProvider.NAME, id, sender, text,
        time(message.path("timestamp"))));
  }

  /** Meta's timestamps are Unix seconds, as a string. */
  private static OffsetDateTime time(JsonNode timestamp) {
    String text = timestamp.asText("");
    if (text.isBlank()) {
      return OffsetDateTime.now(ZoneOffset.UTC);
    }
    try {
      return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(text.strip())), ZoneOffset.UTC);
    } catch (NumberFormatException unreadable) {
      return null;
    }
  }
}
