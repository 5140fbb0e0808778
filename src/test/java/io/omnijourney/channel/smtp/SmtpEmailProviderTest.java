package io.omnijourney.channel.smtp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.SendOutcome;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The SMTP provider against a real SMTP server (GreenMail) and against scripted SMTP refusals. */
class SmtpEmailProviderTest {

  private static final MailSettings SETTINGS =
      new MailSettings("Omnijourney <no-reply@omnijourney.local>", "omnijourney.test");
  private static final String RECIPIENT = "customer@example.test";
  private static final String SUBJECT = "تأیید سفارش شما";
  private static final String TEXT = "سفارش شما ثبت شد.";
  private static final String HTML = "<p>سفارش شما <b>ثبت</b> شد.</p>";

  // A dynamic port, so parallel builds on the same machine do not fight over 3025.
  @RegisterExtension
  static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("user", "secret"));

  @Test
  void acceptedMessageCarriesOurMessageIdAndBothBodies() throws Exception {
    SendOutcome outcome = providerForGreenMail("secret").send(email("ref-1", HTML));

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted("<ref-1@omnijourney.test>"));
    MimeMessage received = onlyReceivedMessage();
    assertThat(received.getHeader("Message-ID")).containsExactly("<ref-1@omnijourney.test>");
    assertThat(received.getSubject()).isEqualTo(SUBJECT);
    // Decoding alone would also pass for a Latin-1 subject that happened to survive; the
    // encoded-word proves the header went out as UTF-8.
    assertThat(received.getHeader("Subject")[0]).startsWithIgnoringCase("=?UTF-8?");
    InternetAddress from = (InternetAddress) received.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("no-reply@omnijourney.local");
    assertThat(from.getPersonal()).isEqualTo("Omnijourney");
    assertThat(received.getRecipients(RecipientType.TO))
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly(RECIPIENT);

    Multipart alternative = findAlternative(received);
    assertThat(alternative).as("a multipart/alternative somewhere in the message").isNotNull();
    assertThat(alternative.getCount()).isEqualTo(2);
    BodyPart plain = alternative.getBodyPart(0);
    BodyPart html = alternative.getBodyPart(1);
    assertThat(plain.isMimeType("text/plain")).isTrue();
    assertThat(plain.getContent()).isEqualTo(TEXT);
    assertThat(html.isMimeType("text/html")).isTrue();
    assertThat(html.getContent()).isEqualTo(HTML);
  }

  @Test
  void anEmailWithAnUnsubscribeLinkOffersOneClickUnsubscribe() throws Exception {
    OutboundMessage message = new OutboundMessage("ref-u", Channel.EMAIL, RECIPIENT, SUBJECT, TEXT, HTML,
        "https://omnijourney.example/u/abc.def");

    providerForGreenMail("secret").send(message);

    MimeMessage received = onlyReceivedMessage();
    assertThat(received.getHeader("List-Unsubscribe")).containsExactly("<https://omnijourney.example/u/abc.def>");
    assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
  }

  @Test
  void textOnlyMessageArrivesAsPlainText() throws Exception {
    SendOutcome outcome = providerForGreenMail("secret").send(email("ref-2", null));

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted("<ref-2@omnijourney.test>"));
    MimeMessage received = onlyReceivedMessage();
    assertThat(received.isMimeType("text/plain")).isTrue();
    assertThat(received.getContentType()).containsIgnoringCase("charset=UTF-8");
    assertThat(received.getContent()).isEqualTo(TEXT);
  }

  @Test
  void refusedLoginIsMisconfigured() throws Exception {
    SendOutcome outcome = providerForGreenMail("wrong").send(email("ref-3", HTML));

    assertThat(outcome).isInstanceOf(SendOutcome.Misconfigured.class);
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    // The same server takes the right password, so the refusal above was about the password
    // (GreenMail answers 535) and not about a server that cannot authenticate at all.
    assertThat(providerForGreenMail("secret").send(email("ref-3", HTML)))
        .isInstanceOf(SendOutcome.Accepted.class);
  }

  @Test
  void unknownRecipientIsPermanent() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of("RCPT", "550 5.1.1 No such user"))) {
      SendOutcome outcome = providerFor(server).send(email("ref-4", HTML));

      assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Permanent.class,
          permanent -> assertThat(permanent.code()).isEqualTo("550"));
      assertThat(server.verbs()).contains("RCPT").doesNotContain("DATA");
    }
  }

  @Test
  void recipientTryAgainLaterIsTransient() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of("RCPT", "451 4.3.0 Try again later"))) {
      SendOutcome outcome = providerFor(server).send(email("ref-5", HTML));

      assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Transient.class,
          later -> assertThat(later.code()).isEqualTo("451"));
      assertThat(server.verbs()).contains("RCPT").doesNotContain("DATA");
    }
  }

  @Test
  void refusedSenderIsMisconfigured() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of("MAIL", "553 sender rejected"))) {
      SendOutcome outcome = providerFor(server).send(email("ref-6", HTML));

      // Our From address is configuration: retrying or falling back to another recipient cannot help.
      assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
          misconfigured -> assertThat(misconfigured.code()).isEqualTo("553"));
      assertThat(server.verbs()).contains("MAIL").doesNotContain("RCPT");
    }
  }

  @Test
  void messageRefusedAfterDataIsPermanent() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of(".", "554 5.7.1 Message rejected"))) {
      SendOutcome outcome = providerFor(server).send(email("ref-7", HTML));

      assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Permanent.class,
          permanent -> assertThat(permanent.code()).isEqualTo("554"));
      assertThat(server.verbs()).contains("DATA", ".");
    }
  }

  @Test
  void refusedConnectionIsTransient() throws Exception {
    int closedPort;
    // A port that was free a moment ago: nothing listens there once the probe is closed.
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }

    SendOutcome outcome = new SmtpEmailProvider(sender(closedPort), SETTINGS).send(email("ref-8", HTML));

    assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Transient.class,
        unreachable -> assertThat(unreachable.code()).isEqualTo("connect"));
  }

  private static OutboundMessage email(String reference, String html) {
    return new OutboundMessage(reference, Channel.EMAIL, RECIPIENT, SUBJECT, TEXT, html);
  }

  private static SmtpEmailProvider providerForGreenMail(String password) {
    JavaMailSenderImpl sender = sender(greenMail.getSmtp().getPort());
    sender.setHost(greenMail.getSmtp().getBindTo());
    sender.setUsername("user");
    sender.setPassword(password);
    sender.getJavaMailProperties().put("mail.smtp.auth", "true");
    return new SmtpEmailProvider(sender, SETTINGS);
  }

  private static SmtpEmailProvider providerFor(ScriptedSmtpServer server) {
    return new SmtpEmailProvider(sender(server.port()), SETTINGS);
  }

  private static JavaMailSenderImpl sender(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    sender.setPort(port);
    // A server that stops answering should fail the test quickly, not hang the build.
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
    sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
    return sender;
  }

  private static MimeMessage onlyReceivedMessage() {
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  /** Depth-first: Spring wraps the alternative in mixed/related parts, which is fine for clients. */
  private static Multipart findAlternative(Part part) throws Exception {
    if (!part.isMimeType("multipart/*")) {
      return null;
    }
    Multipart multipart = (Multipart) part.getContent();
    if (part.isMimeType("multipart/alternative")) {
      return multipart;
    }
    for (int i = 0; i < multipart.getCount(); i++) {
      Multipart found = findAlternative(multipart.getBodyPart(i));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * Just enough SMTP to give one scripted answer at one step, which GreenMail cannot do. Replies
   * are keyed by verb ("MAIL", "RCPT") or "." for the end of DATA; everything else is accepted.
   */
  private static final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Map<String, String> replies;
    private final List<String> verbs = new CopyOnWriteArrayList<>();

    ScriptedSmtpServer(Map<String, String> replies) throws IOException {
      this.replies = replies;
      this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      Thread thread = new Thread(this::serve, "scripted-smtp");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    /** What the client said, in order; lets a test prove the refusal came at the intended step. */
    List<String> verbs() {
      return verbs;
    }

    private void serve() {
      while (!listener.isClosed()) {
        try (Socket client = listener.accept();
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), US_ASCII));
            Writer out = new OutputStreamWriter(client.getOutputStream(), US_ASCII)) {
          converse(in, out);
        } catch (IOException e) {
          // Closing the listener ends the loop; a client hanging up just ends its conversation.
        }
      }
    }

    private void converse(BufferedReader in, Writer out) throws IOException {
      reply(out, "220 scripted.test ESMTP");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        verbs.add(verb);
        switch (verb) {
          case "EHLO", "HELO", "RSET", "NOOP" -> reply(out, "250 OK");
          case "MAIL", "RCPT" -> reply(out, replies.getOrDefault(verb, "250 OK"));
          case "DATA" -> {
            reply(out, "354 End data with <CR><LF>.<CR><LF>");
            for (String data = in.readLine(); !".".equals(data); data = in.readLine()) {
              if (data == null) {
                return;
              }
            }
            verbs.add(".");
            reply(out, replies.getOrDefault(".", "250 OK"));
          }
          case "QUIT" -> {
            reply(out, "221 Bye");
            return;
          }
          default -> reply(out, "502 Command not implemented");
        }
      }
    }

    private static void reply(Writer out, String line) throws IOException {
      out.write(line + "\r\n");
      out.flush();
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
