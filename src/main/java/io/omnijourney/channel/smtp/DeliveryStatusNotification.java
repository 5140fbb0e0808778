package io.omnijourney.channel.smtp;

import io.omnijourney.channel.Mask;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A delivery-status notification (RFC 3464): the mail an MTA sends back to the envelope sender when
 * it gave up on a message, or is still trying. It is a {@code multipart/report;
 * report-type=delivery-status} with a human part, a {@code message/delivery-status} part (fields
 * about the message, then a block of fields per recipient) and usually the returned message, whole
 * ({@code message/rfc822}) or only its headers ({@code text/rfc822-headers}).
 *
 * @param originalMessageId the {@code Message-ID} of the message that bounced, from the returned
 *     headers, else from {@code Original-Envelope-Id} when that is a Message-ID; null if neither
 */
public record DeliveryStatusNotification(String originalMessageId, List<Recipient> recipients) {

  /**
   * One recipient's fate.
   *
   * @param address {@code Original-Recipient} (the address as we sent it) when the MTA kept it,
   *     else {@code Final-Recipient}; without its {@code rfc822;} type
   * @param action {@code failed}, {@code delayed}, {@code delivered}, {@code relayed} or {@code expanded}
   * @param status the enhanced status code, e.g. {@code 5.1.1}
   */
  public record Recipient(String address, String action, String status) {

    /** The MTA gave up: the message will not arrive ({@code delayed} means it is still trying). */
    public boolean failed() {
      return "failed".equals(action);
    }

    /**
     * A hard bounce: given up with a permanent ({@code 5.x.x}) status, such as 5.1.1 "no such
     * mailbox". A failure with a {@code 4.x.x} status (the queue lifetime ran out on a full mailbox
     * or an unreachable server) says nothing lasting about the address.
     */
    public boolean hardBounce() {
      return failed() && status.startsWith("5.");
    }

    @Override
    public String toString() {
      return "Recipient[" + Mask.recipient(address) + ", " + action + ", " + status + "]";
    }
  }

  /** Reads a mail as a DSN; empty when it is not one (an auto-reply, spam, a human's answer). */
  public static Optional<DeliveryStatusNotification> read(Part mail) throws MessagingException, IOException {
    if (!isReport(mail)) {
      return Optional.empty();
    }
    MimeMultipart report = new MimeMultipart(mail.getDataHandler().getDataSource());
    String messageId = null;
    String envelopeId = null;
    List<Recipient> recipients = new ArrayList<>();
    for (int i = 0; i < report.getCount(); i++) {
      BodyPart part = report.getBodyPart(i);
      if (part.isMimeType("message/delivery-status")) {
        List<InternetHeaders> blocks = fieldBlocks(part.getInputStream());
        if (!blocks.isEmpty()) {
          envelopeId = blocks.get(0).getHeader("Original-Envelope-Id", null);
          blocks.subList(1, blocks.size()).forEach(block -> recipient(block).ifPresent(recipients::add));
        }
      } else if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part returned) {
        // Over IMAP the stream of a nested message is not the message; its headers are.
        String[] ids = returned.getHeader("Message-ID");
        messageId = ids == null || ids.length == 0 ? null : ids[0];
      } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")) {
        try (InputStream returned = part.getInputStream()) {
          messageId = new InternetHeaders(returned).getHeader("Message-ID", null);
        }
      }
    }
    if (recipients.isEmpty()) {
      return Optional.empty();
    }
    if (messageId == null && envelopeId != null && envelopeId.strip().startsWith("<")) {
      messageId = envelopeId;
    }
    return Optional.of(new DeliveryStatusNotification(messageId == null ? null : messageId.strip(), List.copyOf(recipients)));
  }

  private static boolean isReport(Part mail) throws MessagingException {
    if (!mail.isMimeType("multipart/report")) {
      return false;
    }
    try {
      return "delivery-status".equalsIgnoreCase(new ContentType(mail.getContentType()).getParameter("report-type"));
    } catch (ParseException unreadable) {
      return false;
    }
  }

  /** The per-message block, then one block per recipient: groups of header-like fields between blank lines. */
  private static List<InternetHeaders> fieldBlocks(InputStream content) throws IOException, MessagingException {
    String text;
    try (content) {
      text = new String(content.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<InternetHeaders> blocks = new ArrayList<>();
    for (String block : text.strip().split("\\r?\\n(?:[ \\t]*\\r?\\n)+")) {
      if (!block.isBlank()) {
        blocks.add(new InternetHeaders(new ByteArrayInputStream((block + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))));
      }
    }
    return blocks;
  }

  private static Optional<Recipient> recipient(InternetHeaders fields) {
    String address = address(fields.getHeader("Original-Recipient", null));
    if (address == null) {
      address = address(fields.getHeader("Final-Recipient", null));
    }
    String action = fields.getHeader("Action", null);
    String status = fields.getHeader("Status", null);
    if (address == null || action == null || status == null) {
      return Optional.empty();
    }
    // "Status: 5.1.1 (bad destination mailbox address)": the code is the first word.
    return Optional.of(new Recipient(address, action.strip().toLowerCase(Locale.ROOT), status.strip().split("\\s+")[0]));
  }

  /** {@code rfc822; sara@example.com} (also {@code RFC822;<sara@example.com>}) to the bare address. */
  private static String address(String field) {
    if (field == null) {
      return null;
    }
    int semicolon = field.indexOf(';');
    String value = (semicolon < 0 ? field : field.substring(semicolon + 1)).strip();
    if (value.startsWith("<") && value.endsWith(">")) {
      value = value.substring(1, value.length() - 1).strip();
    }
    return value.isEmpty() ? null : value;
  }
}
