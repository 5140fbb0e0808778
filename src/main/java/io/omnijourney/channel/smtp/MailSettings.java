package io.omnijourney.channel.smtp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.mail.*}: the sender and the domain of our own {@code Message-ID}s. The SMTP
 * server itself is Spring's {@code spring.mail.*}.
 */
@ConfigurationProperties("omnijourney.mail")
public record MailSettings(String from, String messageIdDomain) {}
