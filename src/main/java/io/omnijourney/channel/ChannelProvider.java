package io.omnijourney.channel;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A provider that sends messages on one or more channels. One implementation per provider. */
public interface ChannelProvider {

  /** The provider's name in configuration and in the ledger: "sandbox", "smtp", "twilio", ... */
  String name();

  Set<Channel> channels();

  /**
   * Who the message goes out as on this channel (a sender number, a bot, a mail address): rate
   * limits count per provider and sender. Only its identity matters; it never appears in logs.
   */
  default String sender(Channel channel) {
    return "default";
  }

  /**
   * The environment variables this provider needs and that are not set, e.g. {@code
   * TWILIO_AUTH_TOKEN}. The {@code prod} profile refuses to start while a provider in use misses one.
   */
  default List<String> missingSettings() {
    return List.of();
  }

  /**
   * What of {@link #missingSettings} a send cannot do without (a webhook secret, say, only matters
   * for reports). While it is not empty, {@link ChannelProviders} answers every send with a
   * configuration problem and never calls {@link #send}.
   */
  default List<String> missingToSend() {
    return missingSettings();
  }

  /**
   * Sends one message. Known answers are returned as a {@link SendOutcome}; an exception means the
   * outcome is unknown (the provider may have taken the message).
   */
  SendOutcome send(OutboundMessage message);

  /**
   * Looks up a message by our own reference, for a send whose answer was lost. Providers that
   * cannot look messages up return {@link Lookup#UNSUPPORTED}.
   */
  default Lookup lookup(String reference) {
    return Lookup.UNSUPPORTED;
  }

  /** The answer to {@link #lookup}. */
  record Lookup(Kind kind, String providerMessageId) {
    public static final Lookup UNSUPPORTED = new Lookup(Kind.UNSUPPORTED, null);
    public static final Lookup NOT_FOUND = new Lookup(Kind.NOT_FOUND, null);

    public static Lookup found(String providerMessageId) {
      return new Lookup(Kind.FOUND, providerMessageId);
    }

    public enum Kind { FOUND, NOT_FOUND, UNSUPPORTED }

    public Optional<String> found() {
      return kind == Kind.FOUND ? Optional.of(providerMessageId) : Optional.empty();
    }
  }
}
