package io.omnijourney.channel.twilio;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Mask;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.channel.Signatures;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.ContactFormats;
import io.omnijourney.customer.Customers;
import io.omnijourney.customer.OptOutKeywords;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderReport;
import io.omnijourney.inbox.CustomerMessages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/twilio}: Twilio's message status callback, a form with {@code MessageSid},
 * {@code MessageStatus} and, for failures, {@code ErrorCode}; and customers' own messages to our
 * number (a form with {@code Body} and no status), where a STOP reply opts them out of SMS.
 *
 * <p>Twilio signs form parameters, not bytes: {@code X-Twilio-Signature} covers the public URL it
 * called and the decoded POST parameters (see {@link TwilioSignature}). It is checked before
 * anything is read or stored; without an auth token or a public URL nothing can be checked, and
 * every callback is refused. Twilio's callbacks carry no timestamp, so a replay is caught by the
 * inbox instead: the event id is the message sid and status, the same event twice is one.
 *
 * <p>Twilio takes any 2xx; the answer is an empty 200.
 */
@RestController
@Tag(name = "Webhooks", description = "Called by the providers: no login, each checks its provider's signature first")
class TwilioWebhook {

  static final String PATH = "/webhooks/twilio";
  static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  /** Twilio's message statuses; "canceled" is a scheduled message that will never go out. */
  private static final Map<String, DeliveryStatus> STATUSES = Map.of(
      "accepted", DeliveryStatus.ACCEPTED,
      "scheduled", DeliveryStatus.ACCEPTED,
      "queued", DeliveryStatus.ACCEPTED,
      "sending", DeliveryStatus.ACCEPTED,
      "sent", DeliveryStatus.SENT,
      "delivered", DeliveryStatus.DELIVERED,
      "read", DeliveryStatus.READ,
      "undelivered", DeliveryStatus.UNDELIVERED,
      "failed", DeliveryStatus.FAILED,
      "canceled", DeliveryStatus.FAILED);

  /** The source an opt-out by STOP reply is recorded with. */
  static final String SMS_STOP = "sms-stop";

  private final TwilioSettings settings;
  private final DeliveryReports reports;
  private final CustomerMessages inbox;
  private final Customers customers;
  private final ChannelBlocks blocks;

  TwilioWebhook(TwilioSettings settings, DeliveryReports reports, CustomerMessages inbox, Customers customers,
      ChannelBlocks blocks) {
    this.settings = settings;
    this.reports = reports;
    this.inbox = inbox;
    this.customers = customers;
    this.blocks = blocks;
  }

  @Operation(summary = "Twilio: message status callbacks and customers' SMS", description = """
      A status callback (`MessageSid`, `MessageStatus`, `ErrorCode` for failures) is a delivery report; a \
      message to our number (`From`, `Body`, no status) goes to the inbox, and a STOP reply opts the \
      customer out of SMS.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
      mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(type = "object")))
  @ApiResponse(responseCode = "200", description = "Taken: an empty body, or for a customer's SMS empty TwiML (no reply)",
      content = @Content(mediaType = "text/xml", schema = @Schema(type = "string", example = "<Response/>")))
  @ApiResponse(responseCode = "202", description = "Signed but without a MessageSid or a known MessageStatus: kept as a dead letter")
  @ApiResponse(responseCode = "401", description = """
      The signature is missing or does not match, or TWILIO_AUTH_TOKEN or OMNIJOURNEY_PUBLIC_BASE_URL is not set""")
  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<?> receive(
      @Parameter(required = true, description = """
          Twilio's signature: the Base64 HMAC-SHA1, keyed with TWILIO_AUTH_TOKEN, of the public URL it called \
          followed by each POST parameter's name and value, sorted by name""")
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
      @RequestBody(required = false) MultiValueMap<String, String> body,
      HttpServletRequest request) {
    MultiValueMap<String, String> form = body == null ? new LinkedMultiValueMap<>() : body;
    if (settings.authToken() == null || settings.publicBaseUrl() == null) {
      return Signatures.refuse("Twilio callbacks cannot be verified: TWILIO_AUTH_TOKEN or OMNIJOURNEY_PUBLIC_BASE_URL"
          + " is not set");
    }
    String url = settings.statusCallbackUrl() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    if (!Signatures.matches(TwilioSignature.of(settings.authToken(), url, form), signature)) {
      return Signatures.refuse("The " + SIGNATURE_HEADER + " header is missing or does not match the request");
    }
    if (form.containsKey("Body") && form.getFirst("MessageStatus") == null) {
      return inbound(form);
    }
    String payload = stored(form);
    String sid = form.getFirst("MessageSid");
    String reported = form.getFirst("MessageStatus");
    DeliveryStatus status = reported == null ? null : STATUSES.get(reported);
    if (sid == null || sid.isBlank() || status == null) {
      reports.deadLetter(TwilioSmsProvider.NAME, payload,
          sid == null || sid.isBlank() ? "unreadable report: no MessageSid" : "unreadable report: unknown MessageStatus");
      return ResponseEntity.accepted().build();
    }
    String errorCode = form.getFirst("ErrorCode");
    reports.receive(TwilioSmsProvider.NAME, new ProviderReport(sid + ":" + reported, sid, status,
        OffsetDateTime.now(ZoneOffset.UTC), status.isFailure() ? blockOf(errorCode) : Block.NONE, errorCode), payload);
    return ResponseEntity.ok().build();
  }

  /**
   * A customer's own SMS to our number (Twilio's "a message comes in" webhook pointed at this same
   * URL): kept in the inbox, and a STOP reply opts every profile with that number out of SMS.
   * Answered with empty TwiML: we send no automatic reply.
   */
  private ResponseEntity<String> inbound(MultiValueMap<String, String> form) {
    String from = ContactFormats.e164(form.getFirst("From")).orElse(form.getFirst("From"));
    String text = form.getFirst("Body");
    boolean fresh = inbox.store(new CustomerMessages.Received(Channel.SMS, TwilioSmsProvider.NAME,
        form.getFirst("MessageSid"), from, text, OffsetDateTime.now(ZoneOffset.UTC)));
    if (fresh && OptOutKeywords.isStop(text)) {
      customers.findByPhone(from).forEach(customer -> blocks.optOut(customer.id(), Channel.SMS, SMS_STOP));
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
  }

  /**
   * What a failure's {@code ErrorCode} says about the number: the same as that code at send time
   * (21610 an opt-out, 30005 and 30006 unreachable, ...).
   */
  static Block blockOf(String errorCode) {
    if (errorCode == null || !errorCode.matches("\\d{1,9}")) {
      return Block.NONE;
    }
    return TwilioSmsProvider.refusal(HttpStatus.BAD_REQUEST, new HttpHeaders(), Integer.parseInt(errorCode), "")
        instanceof SendOutcome.Permanent refusal ? refusal.block() : Block.NONE;
  }

  /** The callback as received, for the inbox, with the customer's number masked. */
  private static String stored(MultiValueMap<String, String> form) {
    return form.entrySet().stream()
        .flatMap(entry -> entry.getValue().stream().map(value -> encode(entry.getKey()) + "="
            + encode(entry.getKey().equals("To") ? Mask.recipient(value) : value)))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
