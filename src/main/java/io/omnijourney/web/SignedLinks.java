package io.omnijourney.web;

import io.omnijourney.channel.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Links that customers open without a login, such as an email's unsubscribe link and its open
 * pixel: {@code <public URL>/<path>/<token>}. The token carries a few values and is signed with
 * HMAC-SHA256, so it cannot be forged for another customer or delivery, and it needs no table.
 */
@Component
public class SignedLinks {

  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final String secret;
  private final String publicBaseUrl;

  public SignedLinks(@Value("${omnijourney.unsubscribe.secret}") String secret,
      @Value("${omnijourney.public-base-url}") String publicBaseUrl) {
    this.secret = secret;
    this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
        : publicBaseUrl;
  }

  /** {@code <public URL>/<path>/<token>}, the token carrying {@code values} (none may contain a line break). */
  public String link(String path, String... values) {
    String payload = ENCODE.encodeToString(String.join("\n", values).getBytes(StandardCharsets.UTF_8));
    return publicBaseUrl + "/" + path + "/" + payload + "." + signature(payload);
  }

  /** The values of a token we signed with {@code count} values; empty for anything else. */
  public Optional<List<String>> verify(String token, int count) {
    int dot = token == null ? -1 : token.indexOf('.');
    if (dot <= 0 || !Signatures.matches(signature(token.substring(0, dot)), token.substring(dot + 1))) {
      return Optional.empty();
    }
    try {
      String[] values = new String(DECODE.decode(token.substring(0, dot)), StandardCharsets.UTF_8).split("\n", -1);
      return values.length == count ? Optional.of(Arrays.asList(values)) : Optional.empty();
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private String signature(String payload) {
    return ENCODE.encodeToString(Signatures.hmac("HmacSHA256", secret, payload.getBytes(StandardCharsets.UTF_8)));
  }
}
