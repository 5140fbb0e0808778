package io.omnijourney.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Meta's {@code X-Hub-Signature-256} recipe checked against a published HMAC-SHA256 test vector
 * (key "key", the quick brown fox), so the recipe is proven by a value we did not compute ourselves.
 */
class WhatsAppSignatureTest {

  private static final byte[] FOX = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
  private static final String FOX_HMAC = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

  @Test
  void theHeaderIsSha256AndTheLowerCaseHexHmacOfTheRawBody() {
    assertThat(WhatsAppWebhook.signatureMatches("key", FOX, "sha256=" + FOX_HMAC)).isTrue();
  }

  @Test
  void anythingElseDoesNotMatch() {
    assertThat(WhatsAppWebhook.signatureMatches("key", FOX, FOX_HMAC)).isFalse();
    assertThat(WhatsAppWebhook.signatureMatches("key", FOX, "sha256=" + FOX_HMAC.toUpperCase())).isFalse();
    assertThat(WhatsAppWebhook.signatureMatches("other", FOX, "sha256=" + FOX_HMAC)).isFalse();
    assertThat(WhatsAppWebhook.signatureMatches("key", "The quick brown fox jumps over the lazy dog."
        .getBytes(StandardCharsets.UTF_8), "sha256=" + FOX_HMAC)).isFalse();
    assertThat(WhatsAppWebhook.signatureMatches("key", FOX, null)).isFalse();
    // Without an app secret nothing is accepted, not even a signature made with an empty key.
    assertThat(WhatsAppWebhook.signatureMatches("", FOX, "sha256=" + FOX_HMAC)).isFalse();
  }
}
