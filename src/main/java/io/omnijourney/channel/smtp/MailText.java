package io.omnijourney.channel.smtp;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer wrote in an email: the text of its body without the earlier conversation that
 * mail programs quote below (or above) an answer.
 *
 * <p>The body is the first {@code text/plain} part that is not an attachment, at any depth of
 * {@code multipart/*} ({@code alternative}, {@code mixed}, {@code related}); without one, the first
 * {@code text/html} part reduced to text. A forwarded message ({@code message/rfc822}) is not
 * the customer's words and is not read.
 *
 * <p>The quote is removed in two ways: lines starting with {@code >}, and everything from the line
 * that introduces the quoted message onward, as mail programs write it in English ("On Tue, 18 Nov
 * 2025 at 10:15, Omnijourney &lt;…&gt; wrote:", which Gmail may wrap over two lines, and Outlook's
 * "-----Original Message-----"), Russian ("… пишет:", "… написал(а):", "-----Исходное
 * сообщение-----") and Persian ("… نوشت:"). In HTML, {@code <blockquote>}s are quotes too.
 */
final class MailText {

  private static final Pattern ENGLISH_HEADER = Pattern.compile("^On\\s.*\\swrote:$", Pattern.CASE_INSENSITIVE);
  private static final Pattern RUSSIAN_HEADER = Pattern.compile(".*\\s(пишет|написала?|написал\\(а\\)):$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern PERSIAN_HEADER = Pattern.compile(".*\\sنوشت\\s*:$");
  private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
      "^-{2,}\\s*(Original Message|Исходное сообщение)\\s*-{2,}$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** Bidirectional marks Gmail puts around a right-to-left quote header ("‫… نوشت:‬"), and BOMs. */
  private static final Pattern BIDI_MARKS = Pattern.compile("[\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]");

  private static final Pattern INNER_BLOCKQUOTE = Pattern.compile(
      "<blockquote\\b[^>]*>((?!<blockquote\\b)[\\s\\S])*?</blockquote\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern INVISIBLE = Pattern.compile(
      "<(head|script|style|title)\\b[^>]*>[\\s\\S]*?</\\1\\s*>|<!--[\\s\\S]*?-->", Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_BREAK = Pattern.compile(
      "<br\\b[^>]*>|</?(p|div|li|tr|h[1-6]|table|ul|ol)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");

  private MailText() {}

  /** The customer's words in the mail's body, trimmed; empty when the body has none. */
  static String of(Part mail) throws MessagingException, IOException {
    String plain = firstText(mail, "text/plain");
    if (plain != null) {
      return withoutQuote(plain);
    }
    String html = firstText(mail, "text/html");
    return html == null ? "" : withoutQuote(htmlToText(html));
  }

  private static String firstText(Part part, String type) throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return null;
    }
    if (part.isMimeType(type)) {
      Object content = part.getContent();
      return content instanceof String text ? text : null;
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = firstText(multipart.getBodyPart(i), type);
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }

  /** The text above the quote header, without {@code >} lines, trimmed. */
  static String withoutQuote(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = BIDI_MARKS.matcher(lines[i]).replaceAll("").strip();
      String withNext = i + 1 < lines.length ? line + " " + BIDI_MARKS.matcher(lines[i + 1]).replaceAll("").strip() : line;
      if (quoteHeader(line) || line.startsWith("On ") && quoteHeader(withNext)) {
        break;
      }
      if (!line.startsWith(">")) {
        kept.add(lines[i].stripTrailing());
      }
    }
    return String.join("\n", kept).strip();
  }

  private static boolean quoteHeader(String line) {
    return ENGLISH_HEADER.matcher(line).matches() || RUSSIAN_HEADER.matcher(line).matches()
        || PERSIAN_HEADER.matcher(line).matches() || ORIGINAL_MESSAGE.matcher(line).matches();
  }

  /**
   * HTML reduced to its text, without a library (none is on the class path): quotes, the head,
   * scripts, styles and comments go; block ends and {@code <br>} become line breaks; the other tags
   * go; the common entities and numeric references are decoded.
   */
  static String htmlToText(String html) {
    String text = html;
    for (String before = null; !text.equals(before); ) {
      before = text;
      text = INNER_BLOCKQUOTE.matcher(text).replaceAll("");
    }
    text = INVISIBLE.matcher(text).replaceAll("");
    text = text.replaceAll("\\s*\\r?\\n\\s*", " ");
    text = LINE_BREAK.matcher(text).replaceAll("\n");
    text = TAG.matcher(text).replaceAll("");
    text = decodeEntities(text);
    return text.replaceAll("[ \\t\\u00A0]*\\n[ \\t\\u00A0]*", "\n").replaceAll("\\n{3,}", "\n\n");
  }

  private static String decodeEntities(String text) {
    Matcher entity = ENTITY.matcher(text);
    StringBuilder decoded = new StringBuilder();
    while (entity.find()) {
      entity.appendReplacement(decoded, Matcher.quoteReplacement(decode(entity.group(1), entity.group())));
    }
    entity.appendTail(decoded);
    return decoded.toString();
  }

  private static String decode(String name, String asWritten) {
    if (name.startsWith("#")) {
      boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
      int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : asWritten;
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "nbsp" -> " ";
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "zwnj" -> "\u200C";
      default -> asWritten;
    };
  }
}
