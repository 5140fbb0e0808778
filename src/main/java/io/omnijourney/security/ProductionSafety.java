package io.omnijourney.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** In the {@code prod} profile, refuses to start with the local defaults: the demo password or the sandbox secret. */
@Component
@Profile("prod")
class ProductionSafety {

  ProductionSafety(
      @Value("${camunda.bpm.admin-user.password:}") String adminPassword,
      @Value("${omnijourney.sandbox.enabled:false}") boolean sandbox,
      @Value("${omnijourney.sandbox.secret:}") String sandboxSecret) {
    if (adminPassword.isBlank() || adminPassword.equals("demo")) {
      throw new IllegalStateException("prod profile: set OMNIJOURNEY_ADMIN_PASSWORD to something other than the default");
    }
    if (sandbox && (sandboxSecret.isBlank() || sandboxSecret.equals("sandbox-secret"))) {
      throw new IllegalStateException("prod profile: the sandbox is on; set OMNIJOURNEY_SANDBOX_SECRET to a real secret");
    }
  }
}
