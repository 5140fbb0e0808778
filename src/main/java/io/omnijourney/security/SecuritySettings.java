package io.omnijourney.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code omnijourney.security.*}.
 *
 * @param allowedOrigins origins besides this site's own whose pages may change things through the
 *     APIs (e.g. {@code https://admin.example.com}); empty by default
 * @param maxBodySize the largest request body {@code /api}, the webhooks and the other routes
 *     without a login accept
 * @param maxImportSize the largest body {@code POST /api/customers/import} accepts: it reads its body
 *     as a stream, so this bounds the time an import takes, not memory
 * @param loginFailuresPerMinute wrong passwords one client address may try a minute before it waits
 */
@ConfigurationProperties("omnijourney.security")
record SecuritySettings(
    @DefaultValue List<String> allowedOrigins,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("1GB") DataSize maxImportSize,
    @DefaultValue("10") int loginFailuresPerMinute) {}
