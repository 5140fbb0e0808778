package io.omnijourney.security;

import io.omnijourney.channel.ChannelProvider;
import io.omnijourney.channel.ChannelProviders;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In the {@code prod} profile, refuses to start with the local defaults (the demo password, the
 * sandbox secret, the unsubscribe secret) or with a provider in use whose credentials are missing.
 */
@Component
@Profile("prod")
class ProductionSafety {

  ProductionSafety(
      @Value("${omnijourney.admin.password:}") String adminPassword,
      @Value("${omnijourney.sandbox.enabled:false}") boolean sandbox,
      @Value("${omnijourney.sandbox.secret:}") String sandboxSecret,
      @Value("${omnijourney.unsubscribe.secret:}") String unsubscribeSecret,
      ChannelProviders providers) {
    if (adminPassword.isBlank() || adminPassword.equals("demo")) {
      throw new IllegalStateException("prod profile: set OMNIJOURNEY_ADMIN_PASSWORD to something other than the default");
    }
    if (sandbox && (sandboxSecret.isBlank() || sandboxSecret.equals("sandbox-secret"))) {
      throw new IllegalStateException("prod profile: the sandbox is on; set OMNIJOURNEY_SANDBOX_SECRET to a real secret");
    }
    if (unsubscribeSecret.isBlank() || unsubscribeSecret.equals("unsubscribe-secret")) {
      throw new IllegalStateException("prod profile: set OMNIJOURNEY_UNSUBSCRIBE_SECRET, which signs the unsubscribe"
          + " links of emails");
    }
    for (ChannelProvider provider : providers.inUse()) {
      if (!provider.missingSettings().isEmpty()) {
        throw new IllegalStateException("prod profile: provider " + provider.name() + " is in use but "
            + String.join(", ", provider.missingSettings()) + " is not set");
      }
    }
  }
}
