package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed unsubscribe links ({@code <public URL>/u/<token>}) that every email carries as
 * {@code {{unsubscribeUrl}}}. The token names the customer and the channel and is signed with
 * HMAC-SHA256, so it cannot be forged for someone else, and it needs no login and no table.
 */
@Component
public class UnsubscribeLinks {

  /** Who unsubscribes from what. */
  public record Target(String customerId, Channel channel) {}

  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final String secret;
  private final String publicBaseUrl;

  public UnsubscribeLinks(@Value("${omnijourney.unsubscribe.secret}") String secret,
      @Value("${omnijourney.public-base-url}") String publicBaseUrl) {
    this.secret = secret;
    this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
        : publicBaseUrl;
  }

  public String linkFor(String customerId, Channel channel) {
    return publicBaseUrl + "/u/" + token(customerId, channel);
  }

  String token(String customerId, Channel channel) {
    String payload = ENCODE.encodeToString((customerId + "\n" + channel.id()).getBytes(StandardCharsets.UTF_8));
    return payload + "." + signature(payload);
  }

  /** The target of a token we signed; empty for anything else. */
  public Optional<Target> verify(String token) {
    int dot = token == null ? -1 : token.indexOf('.');
    if (dot <= 0 || !Signatures.matches(signature(token.substring(0, dot)), token.substring(dot + 1))) {
      return Optional.empty();
    }
    try {
      String[] parts = new String(DECODE.decode(token.substring(0, dot)), StandardCharsets.UTF_8).split("\n", 2);
      return parts.length < 2 ? Optional.empty()
          : Channel.fromId(parts[1]).map(channel -> new Target(parts[0], channel));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private String signature(String payload) {
    return ENCODE.encodeToString(Signatures.hmac("HmacSHA256", secret, payload.getBytes(StandardCharsets.UTF_8)));
  }
}
