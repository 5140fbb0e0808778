package io.omnijourney.channel.sandbox;

import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The sandbox's current rules, applied in order; the first match wins, and no match means deliver. */
@Component
@SandboxEnabled
public class SandboxRules {

  private static final SandboxRule DEFAULT = new SandboxRule("*", "*", Outcome.DELIVER, 0L);

  private final AtomicReference<List<SandboxRule>> rules = new AtomicReference<>(List.of());

  public List<SandboxRule> list() {
    return rules.get();
  }

  public void replace(List<SandboxRule> newRules) {
    rules.set(List.copyOf(newRules));
  }

  SandboxRule ruleFor(String channel, String recipient) {
    return rules.get().stream().filter(r -> r.matches(channel, recipient)).findFirst().orElse(DEFAULT);
  }
}
