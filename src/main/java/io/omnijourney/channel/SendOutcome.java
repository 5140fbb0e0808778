package io.omnijourney.channel;

import java.time.Duration;

/**
 * What a provider answered to one send, in the four classes every provider maps into (see
 * docs/providers.md): accepted, transient, permanent for this recipient, or a configuration problem.
 */
public sealed interface SendOutcome {

  /** The provider took the message; its id is how later reports find the delivery. */
  record Accepted(String providerMessageId) implements SendOutcome {}

  /** Try again later: timeouts, 5xx, rate limits. {@code retryAfter} may be null. */
  record Transient(String code, String reason, Duration retryAfter) implements SendOutcome {}

  /**
   * This recipient cannot be reached on this channel: fall back, do not retry. {@code block} says
   * whether the customer's profile must stop further sends to this address on this channel.
   */
  record Permanent(String code, String reason, Block block) implements SendOutcome {

    public Permanent(String code, String reason) {
      this(code, reason, Block.NONE);
    }
  }

  /** Our account or configuration is wrong: an operator must act. */
  record Misconfigured(String code, String reason) implements SendOutcome {}

  /** What a permanent refusal means for later sends to the same address on the same channel. */
  enum Block {
    /** Nothing: another message to the same address might be taken (e.g. a message too long). */
    NONE,
    /** The customer asked not to be messaged on this channel (an SMS STOP, Twilio 21610). */
    OPTED_OUT,
    /** The address cannot be reached (a blocked bot, an invalid or unregistered number, a hard bounce). */
    UNREACHABLE
  }
}
