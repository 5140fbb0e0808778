package io.omnijourney.channel;

import java.time.Duration;

/**
 * What a provider answered to one send, in the four classes every provider maps into (see
 * providers.md): accepted, transient, permanent for this recipient, or a configuration problem.
 */
public sealed interface SendOutcome {

  /** The provider took the message; its id is how later reports find the delivery. */
  record Accepted(String providerMessageId) implements SendOutcome {}

  /** Try again later: timeouts, 5xx, rate limits. {@code retryAfter} may be null. */
  record Transient(String code, String reason, Duration retryAfter) implements SendOutcome {}

  /** This recipient cannot be reached on this channel: fall back, do not retry. */
  record Permanent(String code, String reason) implements SendOutcome {}

  /** Our account or configuration is wrong: an operator must act. */
  record Misconfigured(String code, String reason) implements SendOutcome {}
}
