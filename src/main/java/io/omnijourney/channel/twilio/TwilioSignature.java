package io.omnijourney.channel.twilio;

import io.omnijourney.channel.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): Base64 of HMAC-SHA1, keyed with the auth
 * token, over the full URL Twilio called (query string included) followed by every POST parameter
 * sorted by name, each written as its name then its value, with nothing between them.
 */
final class TwilioSignature {

  private TwilioSignature() {}

  static String of(String authToken, String url, Map<String, List<String>> postParams) {
    StringBuilder signed = new StringBuilder(url);
    new TreeMap<>(postParams).forEach((name, values) ->
        // A repeated name (rare in callbacks) is signed once per value, the values sorted too.
        values.stream().map(v -> v == null ? "" : v).sorted().forEach(value -> signed.append(name).append(value)));
    return Signatures.hmacSha1Base64(authToken, signed.toString().getBytes(StandardCharsets.UTF_8));
  }
}
