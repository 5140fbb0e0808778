package io.omnijourney.channel.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.sandbox.*}.
 *
 * @param secret the key of {@code X-Sandbox-Signature} ({@code OMNIJOURNEY_SANDBOX_SECRET})
 * @param callbackUrl where the sandbox posts its reports; empty means this application's own
 *     {@code /webhooks/sandbox} on its local port
 */
@ConfigurationProperties("omnijourney.sandbox")
public record SandboxSettings(boolean enabled, String secret, String callbackUrl) {}
