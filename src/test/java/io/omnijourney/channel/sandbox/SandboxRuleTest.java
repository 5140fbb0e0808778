package io.omnijourney.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxRuleTest {

  @Test
  void theFirstMatchingRuleWinsAndNoRuleMeansDeliver() {
    SandboxRules rules = new SandboxRules();
    rules.replace(List.of(
        new SandboxRule("sms", "+98*", Outcome.SILENT, 0L),
        new SandboxRule("*", "*", Outcome.FAIL, 0L)));

    assertThat(rules.ruleFor("sms", "+989121234567").outcome()).isEqualTo(Outcome.SILENT);
    assertThat(rules.ruleFor("sms", "+79161234567").outcome()).isEqualTo(Outcome.FAIL);
    rules.replace(List.of());
    assertThat(rules.ruleFor("email", "a@b.c").outcome()).isEqualTo(Outcome.DELIVER);
  }

  @Test
  void recipientPatternsAreLiteralExceptForTheStar() {
    SandboxRule rule = new SandboxRule("email", "*.ru", Outcome.REJECT, 0L);

    assertThat(rule.matches("email", "ivan@mail.ru")).isTrue();
    assertThat(rule.matches("email", "ivan@mailxru")).isFalse();
    assertThat(rule.matches("sms", "ivan@mail.ru")).isFalse();
  }
}
