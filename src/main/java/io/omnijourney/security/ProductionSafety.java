package io.omnijourney.security;

import io.omnijourney.channel.ChannelProvider;
import io.omnijourney.channel.ChannelProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In the {@code prod} profile, refuses to start while a secret is missing or still a local default
 * (the demo password, the sandbox secret, the unsubscribe secret, the postgres profile's database
 * password), or while a provider in use misses a setting. It names every variable to set at once,
 * so that one failed start tells an operator all there is to fix; it never shows a value.
 */
@Component
@Profile("prod")
class ProductionSafety {

  /** What each rule of Camunda's default password policy asks for, by the rule's placeholder. */
  private static final Map<String, String> POLICY = Map.of(
      "PASSWORD_POLICY_LENGTH", "at least " + DefaultPasswordPolicyImpl.MIN_LENGTH + " characters",
      "PASSWORD_POLICY_LOWERCASE", "a lower-case letter",
      "PASSWORD_POLICY_UPPERCASE", "an upper-case letter",
      "PASSWORD_POLICY_DIGIT", "a digit",
      "PASSWORD_POLICY_SPECIAL", "a special character such as !, # or %",
      "PASSWORD_POLICY_USER_DATA", "none of the admin's user id or name");

  ProductionSafety(Environment environment, ChannelProviders providers) {
    List<String> problems = problems(environment, providers);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The prod profile refuses to start until this is fixed:\n  - "
          + String.join("\n  - ", problems));
    }
  }

  static List<String> problems(Environment environment, ChannelProviders providers) {
    List<String> problems = new ArrayList<>();
    String adminPassword = environment.getProperty("omnijourney.admin.password", "");
    if (adminPassword.isBlank() || adminPassword.equals("demo")) {
      problems.add("OMNIJOURNEY_ADMIN_PASSWORD is " + (adminPassword.isBlank() ? "not set" : "the local default"));
    } else {
      List<String> unmet = unmetPasswordRules(adminPassword, environment);
      if (!unmet.isEmpty()) {
        problems.add("OMNIJOURNEY_ADMIN_PASSWORD does not meet Camunda's password policy; it needs "
            + String.join(", ", unmet));
      }
    }
    String unsubscribeSecret = environment.getProperty("omnijourney.unsubscribe.secret", "");
    if (unsubscribeSecret.isBlank() || unsubscribeSecret.equals("unsubscribe-secret")) {
      problems.add("OMNIJOURNEY_UNSUBSCRIBE_SECRET, which signs the links in emails, is "
          + (unsubscribeSecret.isBlank() ? "not set" : "the local default"));
    }
    if (environment.getProperty("omnijourney.sandbox.enabled", Boolean.class, false)) {
      String sandboxSecret = environment.getProperty("omnijourney.sandbox.secret", "");
      if (sandboxSecret.isBlank() || sandboxSecret.equals("sandbox-secret")) {
        problems.add("OMNIJOURNEY_SANDBOX_SECRET is " + (sandboxSecret.isBlank() ? "not set" : "the local default")
            + ", and the sandbox is on (OMNIJOURNEY_SANDBOX_ENABLED)");
      }
    }
    String databasePassword = environment.getProperty("spring.datasource.password", "");
    if (databasePassword.isBlank() || databasePassword.equals("omnijourney")) {
      problems.add("SPRING_DATASOURCE_PASSWORD is " + (databasePassword.isBlank() ? "not set" : "the local default"));
    }
    for (ChannelProvider provider : providers.inUse()) {
      if (!provider.missingSettings().isEmpty()) {
        problems.add("provider " + provider.name() + " is in use but " + String.join(", ", provider.missingSettings())
            + (provider.missingSettings().size() == 1 ? " is" : " are") + " not set");
      }
    }
    return problems;
  }

  /**
   * What the password lacks under Camunda's default policy, the one its webapps show and the engine
   * enforces once {@code enablePasswordPolicy} is on; checked here with Camunda's own rules.
   */
  private static List<String> unmetPasswordRules(String password, Environment environment) {
    UserEntity admin = new UserEntity(environment.getProperty("omnijourney.admin.id", ""));
    admin.setFirstName(RoleAuthorizations.ADMIN_FIRST_NAME);
    admin.setLastName(RoleAuthorizations.ADMIN_LAST_NAME);
    List<String> unmet = new ArrayList<>();
    for (PasswordPolicyRule rule : new DefaultPasswordPolicyImpl().getRules()) {
      if (!rule.execute(password, admin)) {
        unmet.add(POLICY.getOrDefault(rule.getPlaceholder(), rule.getPlaceholder()));
      }
    }
    return unmet;
  }
}
