package io.omnijourney.channel.sandbox;

import io.omnijourney.Transactions;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.IdentifiedProvider;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderIdentity;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The embedded provider for every channel. It behaves like a real one: it takes a message (or
 * refuses it) according to the rules, keeps it in its outbox, and later posts a signed report to
 * our webhook. Its outbox is written in a transaction of its own, as an outside system would be:
 * a rollback on our side does not unsend a message.
 */
@Component
@SandboxEnabled
public class SandboxProvider extends IdentifiedProvider {

  public static final String NAME = "sandbox";

  private final SandboxRules rules;
  private final SandboxOutbox outbox;
  private final SandboxCallbacks callbacks;
  private final Transactions transactions;

  public SandboxProvider(
      SandboxRules rules, SandboxOutbox outbox, SandboxCallbacks callbacks, Transactions transactions) {
    super(new ProviderIdentity(NAME, EnumSet.allOf(Channel.class), null, List.of(), List.of()));
    this.rules = rules;
    this.outbox = outbox;
    this.callbacks = callbacks;
    this.transactions = transactions;
  }


  @Override
  public SendOutcome send(OutboundMessage message) {
    SandboxRule rule = rules.ruleFor(message.channel().id(), message.recipient());
    Outcome outcome = rule.outcome();
    boolean taken = outcome.accepts();
    String providerMessageId = taken ? "sbx-" + UUID.randomUUID() : null;
    transactions.inOwn(() -> outbox.add(message.channel().id(), message.recipient(), message.subject(),
        message.text(), message.html(), providerMessageId, message.reference(), outcome.id()));
    return switch (outcome) {
      case DELIVER -> {
        callbacks.report(providerMessageId, "delivered", rule.delay());
        yield new SendOutcome.Accepted(providerMessageId);
      }
      case READ -> {
        callbacks.report(providerMessageId, "delivered", rule.delay());
        callbacks.report(providerMessageId, "read", rule.delay());
        yield new SendOutcome.Accepted(providerMessageId);
      }
      case FAIL -> {
        callbacks.report(providerMessageId, "failed", rule.delay());
        yield new SendOutcome.Accepted(providerMessageId);
      }
      case SILENT -> new SendOutcome.Accepted(providerMessageId);
      case REJECT -> new SendOutcome.Permanent("sandbox-reject", "rejected by a sandbox rule");
      case ERROR -> new SendOutcome.Transient("503", "sandbox rule: service unavailable", null);
    };
  }

  /** The sandbox, like providers that take a client reference, can tell whether it has a message. */
  @Override
  public Lookup lookup(String reference) {
    return outbox.acceptedWithReference(reference).map(Lookup::found).orElse(Lookup.NOT_FOUND);
  }
}
