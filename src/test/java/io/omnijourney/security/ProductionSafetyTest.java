package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProductionSafetyTest {

  @Test
  void refusesTheDemoOrAnEmptyAdminPassword() {
    assertThatThrownBy(() -> new ProductionSafety("demo", false, "")).hasMessageContaining("OMNIJOURNEY_ADMIN_PASSWORD");
    assertThatThrownBy(() -> new ProductionSafety("", false, "")).hasMessageContaining("OMNIJOURNEY_ADMIN_PASSWORD");
  }

  @Test
  void refusesASandboxWithTheDefaultOrNoSecret() {
    assertThatThrownBy(() -> new ProductionSafety("s3cret!", true, "sandbox-secret"))
        .hasMessageContaining("OMNIJOURNEY_SANDBOX_SECRET");
    assertThatThrownBy(() -> new ProductionSafety("s3cret!", true, "")).hasMessageContaining("OMNIJOURNEY_SANDBOX_SECRET");
  }

  @Test
  void startsWithRealSecrets() {
    assertThatCode(() -> new ProductionSafety("s3cret!", false, "")).doesNotThrowAnyException();
    assertThatCode(() -> new ProductionSafety("s3cret!", true, "a-real-secret")).doesNotThrowAnyException();
  }
}
