package io.omnijourney.channel.smsru;

import io.omnijourney.channel.Signatures;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/smsru}: SMS.ru's callback. One request carries several events as form
 * fields {@code data[0]}, {@code data[1]}, ..., each a few lines: {@code sms_status}, the
 * {@code sms_id}, the status code and the time of the change (Unix seconds). Events of other kinds
 * (call checks, ...) are not ours and are skipped.
 *
 * <p>The {@code hash} field is the hex SHA-256 of our {@code api_id} followed by every data value
 * in the order sent. It is checked before anything is read or stored; a missing or wrong one gets
 * 401. SMS.ru retries a callback until the answer's body is {@code 100}, so every callback we have
 * stored (or could never use) is answered so.
 */
@RestController
@Tag(name = "Webhooks", description = "Called by the providers: no login, each checks its provider's signature first")
class SmsRuWebhook {

  static final String PATH = "/webhooks/smsru";
  static final String ANSWER = "100";

  private static final Logger log = LoggerFactory.getLogger(SmsRuWebhook.class);

  /**
   * SMS.ru's message statuses: 100 queued, 101 handed to the operator, 102 sent (on its way),
   * 103 delivered, 104 expired, 105 deleted by the operator, 106 phone failure, 107 unknown reason,
   * 108 rejected, 110 read (Viber), 150 no route to the number.
   */
  private static final Map<Integer, DeliveryStatus> STATUSES = Map.ofEntries(
      Map.entry(100, DeliveryStatus.ACCEPTED),
      Map.entry(101, DeliveryStatus.ACCEPTED),
      Map.entry(102, DeliveryStatus.SENT),
      Map.entry(103, DeliveryStatus.DELIVERED),
      Map.entry(104, DeliveryStatus.UNDELIVERED),
      Map.entry(105, DeliveryStatus.UNDELIVERED),
      Map.entry(106, DeliveryStatus.UNDELIVERED),
      Map.entry(107, DeliveryStatus.UNDELIVERED),
      Map.entry(108, DeliveryStatus.FAILED),
      Map.entry(110, DeliveryStatus.READ),
      Map.entry(150, DeliveryStatus.FAILED));

  private final SmsRuSettings settings;
  private final DeliveryReports reports;

  SmsRuWebhook(SmsRuSettings settings, DeliveryReports reports) {
    this.settings = settings;
    this.reports = reports;
  }

  @Operation(summary = "SMS.ru: delivery status callbacks", description = """
      Form fields `data[0]`, `data[1]`, ...: each an event of lines (`sms_status`, the sms id, the status \
      code, the Unix time). SMS.ru sends no signature header: the form's own `hash` field is the hex \
      SHA-256 of SMSRU_API_ID followed by every data value in the order sent, checked first.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
      mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(type = "object")))
  @ApiResponse(responseCode = "200", description = "Taken: `100`, the answer that stops SMS.ru's retries",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string", example = "100")))
  @ApiResponse(responseCode = "401", description = "The hash is missing or does not match, or SMSRU_API_ID is not set")
  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<?> receive(@RequestBody(required = false) MultiValueMap<String, String> body) {
    MultiValueMap<String, String> form = body == null ? new LinkedMultiValueMap<>() : body;
    if (settings.apiId() == null) {
      return Signatures.refuse("SMS.ru callbacks cannot be verified: SMSRU_API_ID is not set");
    }
    List<String> data = data(form);
    String hash = form.getFirst("hash");
    if (!Signatures.matches(hash(settings.apiId(), data), hash == null ? null : hash.toLowerCase(Locale.ROOT))) {
      return Signatures.refuse("The hash is missing or does not match the data");
    }
    for (String entry : data) {
      String[] lines = entry.replace("\r", "").split("\n");
      if (!lines[0].equals("sms_status")) {
        log.debug("SMS.ru callback event of kind '{}' skipped", lines[0]);
        continue;
      }
      parse(lines).ifPresentOrElse(
          report -> reports.receive(SmsRuProvider.NAME, report, entry),
          () -> reports.deadLetter(SmsRuProvider.NAME, entry, "unreadable sms_status event"));
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(ANSWER);
  }

  /** The recipe of the callback's {@code hash}. */
  static String hash(String apiId, List<String> data) {
    return Signatures.sha256Hex((apiId + String.join("", data)).getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code data[...]} values in the order they came, which is the order the hash covers. */
  private static List<String> data(MultiValueMap<String, String> form) {
    List<String> data = new ArrayList<>();
    form.forEach((name, values) -> {
      if (name.startsWith("data[") && name.endsWith("]")) {
        values.forEach(value -> data.add(value == null ? "" : value));
      }
    });
    return data;
  }

  /** {@code sms_status}, sms_id, code, and the time of the change when given. */
  private static Optional<ProviderReport> parse(String[] lines) {
    if (lines.length < 3 || lines[1].isBlank()) {
      return Optional.empty();
    }
    String smsId = lines[1].strip();
    String code = lines[2].strip();
    DeliveryStatus status;
    try {
      status = STATUSES.get(Integer.parseInt(code));
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
    if (status == null) {
      return Optional.empty();
    }
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
    if (lines.length > 3 && lines[3].strip().matches("\\d{1,12}")) {
      at = Instant.ofEpochSecond(Long.parseLong(lines[3].strip())).atOffset(ZoneOffset.UTC);
    }
    return Optional.of(new ProviderReport(smsId + ":" + code, smsId, status, at));
  }
}
