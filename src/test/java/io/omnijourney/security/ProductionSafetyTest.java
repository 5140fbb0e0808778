package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.ChannelProvider;
import io.omnijourney.channel.ChannelProviders;
import io.omnijourney.channel.ChannelSettings;
import io.omnijourney.channel.ChannelSettings.ChannelSetting;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.SendOutcome;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

class ProductionSafetyTest {

  private static final ChannelProviders CONFIGURED = providers(List.of());
  private static final String GOOD_PASSWORD = "Tr1cky-Horse-42";

  @Test
  void startsWithEverySecretSet() {
    assertThatCode(() -> new ProductionSafety(complete(), CONFIGURED)).doesNotThrowAnyException();
    assertThatCode(() -> new ProductionSafety(complete()
        .withProperty("omnijourney.sandbox.enabled", "true")
        .withProperty("omnijourney.sandbox.secret", "a-real-sandbox-secret"), CONFIGURED)).doesNotThrowAnyException();
  }

  @Test
  void refusesTheDemoOrAnEmptyAdminPassword() {
    assertRefused(complete().withProperty("omnijourney.admin.password", "demo"), "OMNIJOURNEY_ADMIN_PASSWORD");
    assertRefused(complete().withProperty("omnijourney.admin.password", ""), "OMNIJOURNEY_ADMIN_PASSWORD");
  }

  @Test
  void refusesAnAdminPasswordOutsideCamundasPasswordPolicy() {
    Map<String, String> lacking = Map.of(
        "Sh0rt-pw!", "at least 10 characters",
        "no-upper-case-1", "an upper-case letter",
        "NO-LOWER-CASE-1", "a lower-case letter",
        "No-Digits-At-All", "a digit",
        "NoSpecialChars1", "a special character",
        "Omnijourney-2025", "none of the admin's user id or name");
    lacking.forEach((password, need) -> assertThatThrownBy(() -> new ProductionSafety(
        complete().withProperty("omnijourney.admin.password", password), CONFIGURED))
        .as(password).hasMessageContaining("OMNIJOURNEY_ADMIN_PASSWORD").hasMessageContaining(need)
        .hasMessageNotContaining(password));
  }

  @Test
  void refusesTheDefaultOrNoUnsubscribeSecret() {
    assertRefused(complete().withProperty("omnijourney.unsubscribe.secret", "unsubscribe-secret"),
        "OMNIJOURNEY_UNSUBSCRIBE_SECRET");
    assertRefused(complete().withProperty("omnijourney.unsubscribe.secret", ""), "OMNIJOURNEY_UNSUBSCRIBE_SECRET");
  }

  @Test
  void refusesASandboxWithTheDefaultOrNoSecret() {
    assertRefused(complete().withProperty("omnijourney.sandbox.enabled", "true")
        .withProperty("omnijourney.sandbox.secret", "sandbox-secret"), "OMNIJOURNEY_SANDBOX_SECRET");
    assertRefused(complete().withProperty("omnijourney.sandbox.enabled", "true"), "OMNIJOURNEY_SANDBOX_SECRET");
  }

  @Test
  void refusesThePostgresProfilesOrNoDatabasePassword() {
    assertRefused(complete().withProperty("spring.datasource.password", "omnijourney"), "SPRING_DATASOURCE_PASSWORD");
    assertRefused(complete().withProperty("spring.datasource.password", ""), "SPRING_DATASOURCE_PASSWORD");
  }

  @Test
  void refusesAProviderInUseWhoseSecretIsMissing() {
    assertThatThrownBy(() -> new ProductionSafety(complete(), providers(List.of("ACME_API_KEY"))))
        .hasMessageContaining("acme").hasMessageContaining("ACME_API_KEY");
  }

  @Test
  void namesEveryProblemAtOnce() {
    MockEnvironment nothingSet = new MockEnvironment().withProperty("omnijourney.sandbox.enabled", "true");

    assertThatThrownBy(() -> new ProductionSafety(nothingSet, providers(List.of("ACME_API_KEY"))))
        .hasMessageContaining("OMNIJOURNEY_ADMIN_PASSWORD")
        .hasMessageContaining("OMNIJOURNEY_UNSUBSCRIBE_SECRET")
        .hasMessageContaining("OMNIJOURNEY_SANDBOX_SECRET")
        .hasMessageContaining("SPRING_DATASOURCE_PASSWORD")
        .hasMessageContaining("ACME_API_KEY");
  }

  /** The prod profile of application.yaml as docker compose runs it: postgres,prod, from the environment. */
  @Test
  void theProdProfileReadsEachSecretFromItsVariableAndRefusesWithoutThem() {
    try (ConfigurableApplicationContext bare = profiles()) {
      List<String> problems = ProductionSafety.problems(bare.getEnvironment(), CONFIGURED);
      assertThat(String.join("\n", problems)).contains("OMNIJOURNEY_ADMIN_PASSWORD", "OMNIJOURNEY_UNSUBSCRIBE_SECRET",
          "SPRING_DATASOURCE_PASSWORD").doesNotContain("OMNIJOURNEY_SANDBOX_SECRET");
      assertThat(problems).hasSize(3);
    }
    try (ConfigurableApplicationContext set = profiles("--OMNIJOURNEY_ADMIN_PASSWORD=" + GOOD_PASSWORD,
        "--OMNIJOURNEY_UNSUBSCRIBE_SECRET=a-real-unsubscribe-secret", "--SPRING_DATASOURCE_PASSWORD=a-real-db-password",
        "--OMNIJOURNEY_SANDBOX_ENABLED=true", "--OMNIJOURNEY_SANDBOX_SECRET=a-real-sandbox-secret")) {
      assertThat(ProductionSafety.problems(set.getEnvironment(), CONFIGURED)).isEmpty();
    }
    try (ConfigurableApplicationContext sandboxOn = profiles("--OMNIJOURNEY_SANDBOX_ENABLED=true")) {
      assertThat(String.join("\n", ProductionSafety.problems(sandboxOn.getEnvironment(), CONFIGURED)))
          .contains("OMNIJOURNEY_SANDBOX_SECRET");
    }
  }

  @Test
  void theProdProfileMakesEveryCookieSecure() {
    try (ConfigurableApplicationContext prod = profiles()) {
      ConfigurableEnvironment environment = prod.getEnvironment();
      assertThat(environment.getProperty("server.servlet.session.cookie.secure", Boolean.class)).isTrue();
      assertThat(environment.getProperty("camunda.bpm.webapp.csrf.enable-secure-cookie", Boolean.class)).isTrue();
      assertThat(environment.getProperty("camunda.bpm.webapp.session-cookie.enable-secure-cookie", Boolean.class))
          .isTrue();
    }
  }

  private static void assertRefused(MockEnvironment environment, String variable) {
    assertThatThrownBy(() -> new ProductionSafety(environment, CONFIGURED)).hasMessageContaining(variable);
    // Only that one: the rest of the setup is complete.
    assertThat(ProductionSafety.problems(environment, CONFIGURED)).hasSize(1);
  }

  /** A complete production setup, as each test's starting point. */
  private static MockEnvironment complete() {
    return new MockEnvironment()
        .withProperty("omnijourney.admin.id", "admin")
        .withProperty("omnijourney.admin.password", GOOD_PASSWORD)
        .withProperty("omnijourney.unsubscribe.secret", "a-real-unsubscribe-secret")
        .withProperty("omnijourney.sandbox.enabled", "false")
        .withProperty("spring.datasource.password", "a-real-db-password");
  }

  /**
   * An empty application in the postgres and prod profiles: only application.yaml and the given
   * arguments, nothing of this machine's environment, and no beans, so it starts in a moment.
   */
  private static ConfigurableApplicationContext profiles(String... args) {
    ConfigurableEnvironment onlyTheArguments = new StandardEnvironment() {
      @Override
      protected void customizePropertySources(MutablePropertySources sources) {}
    };
    return new SpringApplicationBuilder(Nothing.class)
        .environment(onlyTheArguments)
        .profiles("postgres", "prod")
        .web(WebApplicationType.NONE)
        .logStartupInfo(false)
        .run(args);
  }

  @Configuration(proxyBeanMethods = false)
  static class Nothing {}

  /** One provider, "acme", on every channel, missing the given settings. */
  private static ChannelProviders providers(List<String> missing) {
    ChannelProvider acme = new ChannelProvider() {
      @Override
      public String name() {
        return "acme";
      }

      @Override
      public Set<Channel> channels() {
        return EnumSet.allOf(Channel.class);
      }

      @Override
      public List<String> missingSettings() {
        return missing;
      }

      @Override
      public SendOutcome send(OutboundMessage message) {
        return new SendOutcome.Accepted("acme-1");
      }
    };
    Map<String, ChannelSetting> everyChannel = Arrays.stream(Channel.values())
        .collect(Collectors.toMap(Channel::id, channel -> new ChannelSetting("acme", null)));
    return new ChannelProviders(List.of(acme), new ChannelSettings(everyChannel, null, null));
  }
}
