package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import io.omnijourney.web.SignedLinks;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Signed unsubscribe links ({@code <public URL>/u/<token>}) that every email carries as
 * {@code {{unsubscribeUrl}}}. The token names the customer and the channel.
 */
@Component
public class UnsubscribeLinks {

  /** Who unsubscribes from what. */
  public record Target(String customerId, Channel channel) {}

  private final SignedLinks links;

  public UnsubscribeLinks(SignedLinks links) {
    this.links = links;
  }

  public String linkFor(String customerId, Channel channel) {
    return links.link("u", customerId, channel.id());
  }

  /** The target of a token we signed; empty for anything else. */
  public Optional<Target> verify(String token) {
    return links.verify(token, 2)
        .flatMap(values -> Channel.fromId(values.get(1)).map(channel -> new Target(values.get(0), channel)));
  }
}
