package io.omnijourney.channel.smtp;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.IdentifiedProvider;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderIdentity;
import io.omnijourney.channel.SendOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP through Spring Mail. Each message carries our own {@code Message-ID}
 * ({@code <deliveryId@domain>}), which is also its provider message id: bounces quote it.
 *
 * <p>SMTP answers map into the four classes: 2xx accepted; 5xx for a recipient permanent (a hard
 * bounce at send time); 4xx transient; a refused login or sender is our configuration.
 */
@Component
public class SmtpEmailProvider extends IdentifiedProvider {

  public static final String NAME = "smtp";

  private final JavaMailSender mail;
  private final MailSettings settings;

  public SmtpEmailProvider(JavaMailSender mail, MailSettings settings) {
    super(ProviderIdentity.of(NAME, Channel.EMAIL));
    this.mail = mail;
    this.settings = settings;
  }

  @Override
  public SendOutcome send(OutboundMessage message) {
    String messageId = "<" + message.reference() + "@" + settings.messageIdDomain() + ">";
    try {
      MimeMessage mime = new OwnIdMimeMessage(mail.createMimeMessage().getSession(), messageId);
      MimeMessageHelper helper = new MimeMessageHelper(mime, message.html() != null, StandardCharsets.UTF_8.name());
      helper.setFrom(settings.from());
      helper.setTo(message.recipient());
      helper.setSubject(message.subject() == null ? "" : message.subject());
      if (message.html() != null) {
        helper.setText(message.text(), message.html());
      } else {
        helper.setText(message.text());
      }
      if (message.unsubscribeUrl() != null) {
        // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the link.
        mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
        mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      mail.send(mime);
      return new SendOutcome.Accepted(messageId);
    } catch (MailAuthenticationException e) {
      return new SendOutcome.Misconfigured("535", "the SMTP server refused our login");
    } catch (MailException | MessagingException e) {
      return classify(e);
    }
  }

  /** Reads the SMTP reply code out of JavaMail's exception chain. */
  static SendOutcome classify(Exception failure) {
    // A refused MAIL FROM comes first as a send failure carrying the 5xx code, with the sender
    // refusal only further down the chain; read in order, it would pass for a refused recipient.
    SMTPSenderFailedException sender = firstCause(failure, SMTPSenderFailedException.class);
    if (sender != null) {
      return new SendOutcome.Misconfigured(String.valueOf(sender.getReturnCode()),
          "the SMTP server refused our sender address");
    }
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof AuthenticationFailedException) {
        return new SendOutcome.Misconfigured("535", "the SMTP server refused our login");
      }
      int code = t instanceof SMTPAddressFailedException address ? address.getReturnCode()
          : t instanceof SMTPSendFailedException send ? send.getReturnCode() : -1;
      if (code >= 500) {
        return new SendOutcome.Permanent(String.valueOf(code), "the SMTP server refused the recipient or message");
      }
      if (code >= 400) {
        return new SendOutcome.Transient(String.valueOf(code), "the SMTP server asked us to try later", null);
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return new SendOutcome.Transient("connect", "the SMTP server is not reachable", null);
      }
    }
    if (firstCause(failure, SocketTimeoutException.class) != null) {
      // The server may have taken the message before the answer was lost.
      throw new IllegalStateException("SMTP timed out; the outcome is unknown", failure);
    }
    return new SendOutcome.Transient("smtp", failure.getClass().getSimpleName(), null);
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
      return send.getFailedMessages().values().iterator().next();
    }
    if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
      return messaging.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static <T extends Throwable> T firstCause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** A MimeMessage that keeps the Message-ID we give it instead of generating one on save. */
  private static final class OwnIdMimeMessage extends MimeMessage {
    private final String messageId;

    OwnIdMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
