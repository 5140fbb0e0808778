package io.omnijourney.template;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.omnijourney.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every template shipped in {@code templates/}, read from disk so that a new file is covered as soon
 * as it is there: complete in fa, ru and en, rendering with the variables its playbook gives, written
 * in its language, and with SMS texts that cost what we expect.
 */
class ShippedTemplatesTest {

  /** The folder analysts edit; surefire runs in the module root. */
  private static final Path ROOT = Path.of("templates");
  private static final List<String> LOCALES = List.of("fa", "ru", "en");
  private static final Pattern FILE = Pattern.compile("([a-z]+)\\.([a-z]{2})\\.(txt|subject|html)");

  /** Realistic values for every variable a seed playbook passes, and the unsubscribe link the app adds to email. */
  private static final Map<String, Object> SAMPLE = Map.ofEntries(
      entry("code", "482913"),
      entry("loginUrl", "https://shop.example.com/login"),
      entry("unsubscribeUrl", "https://shop.example.com/u/Y3VzdC0xMDAx.k3Jq9vXb2T"),
      entry("orderNumber", "10482"),
      entry("feedbackUrl", "https://shop.example.com/f/10482"),
      entry("discount", "20%"),
      entry("offerUrl", "https://shop.example.com/o/SPRING20"),
      entry("validUntil", "2025-06-30"),
      entry("invoiceNumber", "INV-20417"),
      entry("amount", "1,200,000 IRR"),
      entry("dueDate", "2025-06-30"),
      entry("paymentUrl", "https://shop.example.com/pay/INV-20417"),
      entry("cartUrl", "https://shop.example.com/cart/8f3k2"),
      entry("ticketNumber", "T-5821"),
      entry("backAt", "Sat 2026-12-07 09:00 (Asia/Tehran)"));

  /**
   * Variables an operator writes in the customer's language: their sample is in the text's locale, so
   * that a Persian SMS made of an operator's reply is checked as the Persian it would be.
   */
  private static final Map<String, Map<String, String>> SAMPLE_BY_LOCALE = Map.of(
      "replyText", Map.of(
          "fa", "سفارش شما امروز ارسال شد و فردا به دستتان می\u200cرسد.",
          "ru", "Ваш заказ отправлен сегодня и придёт завтра.",
          "en", "Your order left our warehouse today and arrives tomorrow."),
      "callSummary", Map.of(
          "fa", "سفارش جایگزین تا سه\u200cشنبه ارسال می\u200cشود.",
          "ru", "Отправим замену до вторника.",
          "en", "We will send a replacement by Tuesday."),
      // What applications pass already formatted for the customer's language.
      "appointmentTime", Map.of(
          "fa", "پنجشنبه ۲۰ آذر، ساعت ۱۰:۳۰",
          "ru", "чт, 10 декабря, 10:30",
          "en", "Thu 10 December at 10:30"),
      "clinicName", Map.of(
          "fa", "درمانگاه دکتر کریمی",
          "ru", "клиника «Здоровье»",
          "en", "Dr Karimi's clinic"),
      "securityEvent", Map.of(
          "fa", "ورود از دستگاه جدید",
          "ru", "вход с нового устройства",
          "en", "a sign-in to your account from a new device"),
      "eventTime", Map.of(
          "fa", "۲۰ آذر، ۱۴:۰۵",
          "ru", "10.12 в 14:05",
          "en", "10 Dec at 14:05"),
      "promotionEndTime", Map.of(
          "fa", "امشب ساعت ۲۳:۵۹",
          "ru", "сегодня в 23:59",
          "en", "tonight at 23:59"));

  /**
   * The variables each template gets from its playbook. Emails also get {@code unsubscribeUrl} and
   * every message {@code locale}, as the app adds them; a template using anything else fails to send.
   */
  private static final Map<String, List<String>> VARIABLES = Map.ofEntries(
      entry("welcome-code", List.of("code")),
      entry("welcome-onboarding", List.of("loginUrl")),
      entry("order-confirmation", List.of("orderNumber")),
      entry("order-invoice", List.of("orderNumber")),
      entry("order-thank-you", List.of("orderNumber", "feedbackUrl")),
      entry("discount-offer", List.of("discount", "offerUrl", "validUntil")),
      entry("feedback-request", List.of("orderNumber", "feedbackUrl")),
      entry("payment-reminder", List.of("invoiceNumber", "amount", "dueDate", "paymentUrl")),
      entry("abandoned-cart", List.of("cartUrl")),
      entry("support-acknowledgement", List.of("ticketNumber")),
      entry("support-apology", List.of("ticketNumber")),
      entry("support-away", List.of("ticketNumber", "backAt")),
      entry("support-reply", List.of("replyText", "ticketNumber")),
      entry("support-call-summary", List.of("ticketNumber", "callReached", "callNoAnswer", "callBack", "callSummary")),
      entry("support-survey", List.of("ticketNumber")),
      entry("support-canned-order-status", List.of("orderNumber", "ticketNumber")),
      entry("support-canned-invoice-resent", List.of("orderNumber", "ticketNumber")),
      entry("support-canned-thanks", List.of("ticketNumber")),
      entry("appointment-reminder", List.of("clinicName", "appointmentTime")),
      entry("appointment-soon", List.of("clinicName", "appointmentTime")),
      entry("appointment-final-reminder", List.of("clinicName", "appointmentTime")),
      entry("security-notice", List.of("securityEvent", "eventTime")),
      entry("win-back-offer", List.of("discount", "offerUrl")),
      entry("win-back-follow-up", List.of("discount", "offerUrl")),
      entry("promotion-ending", List.of("discount", "offerUrl", "promotionEndTime")));

  /**
   * Variables of VARIABLES that a template uses only in sections ({@code {{#name}}...{{/name}}
   * {{^name}}...{{/name}}}): a start may leave them out, so every text is checked with and without
   * each of them.
   */
  private static final Map<String, List<String>> OPTIONAL = Map.of(
      "order-thank-you", List.of("feedbackUrl"),
      "support-call-summary", List.of("callSummary"));

  /**
   * Boolean variables of VARIABLES that choose a template's sections, one of them true per send (the
   * call's outcome): each text is checked once per flag, that flag true and the others false. Used
   * only as sections, they are optional to a start like the OPTIONAL ones.
   */
  private static final Map<String, List<String>> FLAGS = Map.of(
      "support-call-summary", List.of("callReached", "callNoAnswer", "callBack"));

  /** The channels the seed playbooks send each template on: more may come, none may go. */
  private static final Map<String, Set<Channel>> CHANNELS = Map.ofEntries(
      entry("welcome-code", EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.PUSH)),
      entry("welcome-onboarding", EnumSet.of(Channel.EMAIL)),
      entry("order-confirmation", EnumSet.allOf(Channel.class)),
      entry("order-invoice", EnumSet.of(Channel.EMAIL)),
      entry("order-thank-you", EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP)),
      entry("discount-offer", EnumSet.allOf(Channel.class)),
      entry("feedback-request", EnumSet.of(Channel.WHATSAPP, Channel.TELEGRAM, Channel.EMAIL, Channel.SMS)),
      entry("payment-reminder", EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM)),
      entry("abandoned-cart", EnumSet.allOf(Channel.class)),
      entry("support-acknowledgement", EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.TELEGRAM, Channel.WHATSAPP)),
      entry("support-apology", EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER)),
      entry("support-away", EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.EMAIL)),
      entry("support-reply", EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.EMAIL)),
      entry("support-call-summary", EnumSet.of(Channel.EMAIL)),
      entry("support-survey", EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.EMAIL)),
      entry("support-canned-order-status", EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.EMAIL)),
      entry("support-canned-invoice-resent", EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.EMAIL)),
      entry("support-canned-thanks", EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.EMAIL)),
      entry("appointment-reminder", EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.EMAIL)),
      entry("appointment-soon", EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.EMAIL)),
      entry("appointment-final-reminder",
          EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.TELEGRAM, Channel.VIBER, Channel.EMAIL)),
      entry("security-notice", EnumSet.allOf(Channel.class)),
      entry("win-back-offer", EnumSet.allOf(Channel.class)),
      entry("win-back-follow-up", EnumSet.allOf(Channel.class)),
      entry("promotion-ending", EnumSet.allOf(Channel.class)));

  /**
   * What each SMS costs with the SAMPLE values, counted by hand. Persian and Russian go as UCS-2
   * (70 characters in one part, 67 per part beyond), English as GSM-7 (160). Three counted out:
   * <ul>
   *   <li>support-acknowledgement/ru "Ваше обращение T-5821 принято. Ответим в течение 2 часов.":
   *       4+1+9+1+6+1+8+1+7+1+1+1+7+1+1+1+6 = 57 characters, one part;
   *   <li>payment-reminder/ru "Напоминаем: счёт INV-20417 на 1,200,000 IRR нужно оплатить до
   *       2025-06-30. https://shop.example.com/pay/INV-20417": 17+9+4+13+19+10+2+38 = 112, two parts;
   *   <li>welcome-code/ru "Добро пожаловать! Код подтверждения: 482913. Никому его не сообщайте.": 69, one part,
   *       one character to spare.
   * </ul>
   * Only texts with a link take two parts in Persian or Russian. A template with an OPTIONAL
   * variable is counted with it and, under "... without name", without it: order-thank-you/fa
   * without feedbackUrl, "از خرید شما سپاسگزاریم! نظرتان درباره سفارش 10482 را در پاسخ بنویسید.", is 69.
   */
  private static final Map<String, Integer> SMS_PARTS = Map.ofEntries(
      entry("welcome-code/fa", 1), entry("welcome-code/ru", 1), entry("welcome-code/en", 1),
      entry("order-confirmation/fa", 1), entry("order-confirmation/ru", 1), entry("order-confirmation/en", 1),
      entry("order-thank-you/fa", 2), entry("order-thank-you/ru", 2), entry("order-thank-you/en", 1),
      entry("order-thank-you/fa without feedbackUrl", 1), entry("order-thank-you/ru without feedbackUrl", 1),
      entry("order-thank-you/en without feedbackUrl", 1),
      entry("discount-offer/fa", 2), entry("discount-offer/ru", 2), entry("discount-offer/en", 1),
      entry("feedback-request/fa", 1), entry("feedback-request/ru", 1), entry("feedback-request/en", 1),
      entry("payment-reminder/fa", 2), entry("payment-reminder/ru", 2), entry("payment-reminder/en", 1),
      entry("abandoned-cart/fa", 1), entry("abandoned-cart/ru", 1), entry("abandoned-cart/en", 1),
      entry("support-acknowledgement/fa", 1), entry("support-acknowledgement/ru", 1),
      entry("support-acknowledgement/en", 1),
      entry("support-apology/fa", 1), entry("support-apology/ru", 1), entry("support-apology/en", 1),
      entry("support-away/fa", 1), entry("support-away/ru", 1), entry("support-away/en", 1),
      entry("support-reply/fa", 1), entry("support-reply/ru", 1), entry("support-reply/en", 1),
      entry("support-survey/fa", 1), entry("support-survey/ru", 1), entry("support-survey/en", 1),
      entry("support-canned-order-status/fa", 1), entry("support-canned-order-status/ru", 1),
      entry("support-canned-order-status/en", 1),
      entry("support-canned-invoice-resent/fa", 1), entry("support-canned-invoice-resent/ru", 1),
      entry("support-canned-invoice-resent/en", 1),
      entry("support-canned-thanks/fa", 1), entry("support-canned-thanks/ru", 1), entry("support-canned-thanks/en", 1),
      entry("appointment-reminder/fa", 1), entry("appointment-reminder/ru", 1), entry("appointment-reminder/en", 1),
      entry("appointment-soon/fa", 1), entry("appointment-soon/ru", 1), entry("appointment-soon/en", 1),
      entry("appointment-final-reminder/fa", 1), entry("appointment-final-reminder/ru", 1),
      entry("appointment-final-reminder/en", 1),
      entry("security-notice/fa", 1), entry("security-notice/ru", 1), entry("security-notice/en", 1),
      entry("win-back-offer/fa", 2), entry("win-back-offer/ru", 2), entry("win-back-offer/en", 1),
      entry("win-back-follow-up/fa", 1), entry("win-back-follow-up/ru", 1), entry("win-back-follow-up/en", 1),
      entry("promotion-ending/fa", 2), entry("promotion-ending/ru", 2), entry("promotion-ending/en", 1));

  /** The GSM 03.38 alphabet, basic and extension table, stated here apart from SmsSegments. */
  private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà" + "^{}\\[~]|€\f";

  private final MessageTemplates templates = new MessageTemplates();

  @Test
  void everySeedTemplateIsThereOnItsChannels() {
    Map<String, Map<Channel, Map<String, Set<String>>>> shipped = shipped();
    SoftAssertions soft = new SoftAssertions();
    CHANNELS.forEach((id, channels) -> soft.assertThat(shipped.getOrDefault(id, Map.of()).keySet())
        .as("channels of %s", id).containsAll(channels));
    soft.assertThat(VARIABLES.keySet()).as("templates with declared variables")
        .containsAll(shipped.keySet());
    soft.assertAll();
  }

  @Test
  void everyChannelHasItsFilesInFaRuAndEn() {
    SoftAssertions soft = new SoftAssertions();
    shipped().forEach((id, channels) -> channels.forEach((channel, kinds) -> {
      soft.assertThat(kinds).as("%s/%s", id, channel.id()).containsKey("txt");
      if (channel == Channel.EMAIL) {
        soft.assertThat(kinds).as("%s/%s", id, channel.id()).containsKeys("subject", "html");
      }
      kinds.forEach((kind, locales) -> soft.assertThat(locales)
          .as("locales of %s/%s.*.%s", id, channel.id(), kind).containsExactlyInAnyOrderElementsOf(LOCALES));
    }));
    soft.assertAll();
  }

  @Test
  void everyTemplateRendersWithTheVariablesItsPlaybookGives() {
    SoftAssertions soft = new SoftAssertions();
    forEachMessage((id, channel, locale) -> models(id, channel, locale).forEach((variant, model) -> {
      String where = id + "/" + channel.id() + "." + locale + variant;
      try {
        RenderedMessage message = templates.render(id, channel, locale, model);
        soft.assertThat(message.text()).as(where).isNotBlank().doesNotContain("{{");
        if (channel == Channel.EMAIL) {
          soft.assertThat(message.subject()).as(where + " subject").isNotBlank();
          soft.assertThat(message.html()).as(where + " html").contains("<html").contains("</html>");
        }
      } catch (MessageTemplates.TemplateException e) {
        soft.fail(where + ": " + e.getMessage());
      }
    }));
    soft.assertAll();
  }

  @Test
  void aStartMustPassEveryVariableOfATemplateButTheOptionalOnes() {
    // What PlaybookTemplates refuses a start without (a 400 naming the variable).
    SoftAssertions soft = new SoftAssertions();
    shipped().keySet().forEach(id -> {
      List<String> required = new ArrayList<>(VARIABLES.getOrDefault(id, List.of()));
      required.removeAll(OPTIONAL.getOrDefault(id, List.of()));
      required.removeAll(FLAGS.getOrDefault(id, List.of()));
      soft.assertThat(templates.variablesOf(id)).as("variables %s needs", id).hasValueSatisfying(needed ->
          assertThat(needed).containsExactlyInAnyOrderElementsOf(required));
    });
    soft.assertAll();
  }

  @Test
  void anOptionalVariableIsUsedWhenGivenAndItsTextsSayTheRestWithoutIt() {
    SoftAssertions soft = new SoftAssertions();
    forEachMessage((id, channel, locale) -> OPTIONAL.getOrDefault(id, List.of()).forEach(optional -> {
      Map<String, Map<String, Object>> models = models(id, channel, locale);
      Map<String, RenderedMessage> rendered = new TreeMap<>();
      models.forEach((variant, model) -> rendered.put(variant, templates.render(id, channel, locale, model)));
      // Every variant with all variables ("", or " when flag") against the same without the optional one.
      models.keySet().stream().filter(variant -> !variant.contains(" without ")).forEach(variant -> {
        String where = id + "/" + channel.id() + "." + locale + variant;
        String value = models.get(variant).get(optional).toString();
        RenderedMessage with = rendered.get(variant);
        RenderedMessage without = rendered.get(variant + " without " + optional);
        soft.assertThat(with.text()).as(where).contains(value);
        soft.assertThat(without.text()).as(where + " without " + optional).doesNotContain(value)
            .isNotEqualTo(with.text());
        if (channel == Channel.EMAIL) {
          // A link is a link in the HTML; any other value is there as text.
          soft.assertThat(with.html()).as(where + " html").contains(value.startsWith("http") ? "href=\"" + value + "\"" : value);
          soft.assertThat(without.html()).as(where + " html without " + optional).doesNotContain(value);
        }
      });
    }));
    soft.assertAll();
  }

  @Test
  void everyFileIsWrittenInItsLanguage() {
    SoftAssertions soft = new SoftAssertions();
    forEachFile((file, locale) -> {
      String text = read(file);
      if (text.strip().matches("\\{\\{\\w+}}")) {
        return; // nothing but what someone wrote for this customer, e.g. {{replyText}}: no words of ours
      }
      boolean persian = text.codePoints().anyMatch(c -> c >= 0x0600 && c <= 0x06FF);
      boolean cyrillic = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
      switch (locale) {
        case "fa" -> {
          soft.assertThat(persian).as("%s has Persian letters", file).isTrue();
          soft.assertThat(cyrillic).as("%s has Cyrillic letters", file).isFalse();
          // Persian writes ی and ک; the Arabic ي and ك look alike but break search and sorting.
          soft.assertThat(text).as("%s uses Persian ی and ک", file).doesNotContain("\u064A", "\u0643");
        }
        case "ru" -> {
          soft.assertThat(cyrillic).as("%s has Cyrillic letters", file).isTrue();
          soft.assertThat(persian).as("%s has Persian letters", file).isFalse();
        }
        default -> soft.assertThat(persian || cyrillic).as("%s has Persian or Cyrillic letters", file).isFalse();
      }
    });
    soft.assertAll();
  }

  @Test
  void everyEmailCarriesTheUnsubscribeLinkInTextAndHtml() {
    String link = (String) SAMPLE.get("unsubscribeUrl");
    SoftAssertions soft = new SoftAssertions();
    forEachMessage((id, channel, locale) -> models(id, channel, locale).forEach((variant, model) -> {
      if (channel == Channel.EMAIL) {
        RenderedMessage email = templates.render(id, channel, locale, model);
        soft.assertThat(email.text()).as("%s/email.%s.txt%s", id, locale, variant).contains(link);
        soft.assertThat(email.html()).as("%s/email.%s.html%s", id, locale, variant).contains("href=\"" + link + "\"");
        if (locale.equals("fa")) {
          soft.assertThat(email.html()).as("%s/email.fa.html reads right to left", id).contains("dir=\"rtl\"");
        }
      }
    }));
    soft.assertAll();
  }

  @Test
  void smsTextsCostTheExpectedParts() {
    Map<String, Integer> counted = new TreeMap<>();
    forEachMessage((id, channel, locale) -> models(id, channel, locale).forEach((variant, model) -> {
      if (channel == Channel.SMS) {
        counted.put(id + "/" + locale + variant, SmsSegments.count(sms(id, locale, model)));
      }
    }));
    assertThat(counted).isEqualTo(new TreeMap<>(SMS_PARTS));
  }

  @Test
  void smsTextsStayShortForEverySmsOnDisk() {
    SoftAssertions soft = new SoftAssertions();
    forEachMessage((id, channel, locale) -> models(id, channel, locale).forEach((variant, model) -> {
      if (channel == Channel.SMS) {
        String text = sms(id, locale, model);
        int limit = locale.equals("en") || !text.contains("http") ? 1 : 2;
        soft.assertThat(SmsSegments.count(text)).as("parts of %s/sms.%s%s: %s", id, locale, variant, text)
            .isLessThanOrEqualTo(limit);
      }
    }));
    soft.assertAll();
  }

  @Test
  void persianAndRussianSmsGoAsUcs2AndEnglishAsGsm7WithoutEmoji() {
    SoftAssertions soft = new SoftAssertions();
    forEachMessage((id, channel, locale) -> models(id, channel, locale).forEach((variant, model) -> {
      if (channel == Channel.SMS) {
        String text = sms(id, locale, model);
        boolean gsm7 = text.chars().allMatch(c -> GSM7.indexOf(c) >= 0);
        soft.assertThat(gsm7).as("%s/sms.%s is GSM-7: %s", id, locale, text).isEqualTo(locale.equals("en"));
        soft.assertThat(text.codePoints().noneMatch(ShippedTemplatesTest::isEmoji))
            .as("%s/sms.%s has no emoji", id, locale).isTrue();
      }
    }));
    soft.assertAll();
  }

  @Test
  void telegramAndViberTextsHaveNoBoldMarkers() {
    // Both providers send plain text (no parse mode), so *bold* would reach the customer as asterisks.
    SoftAssertions soft = new SoftAssertions();
    forEachFile((file, locale) -> {
      String name = file.getFileName().toString();
      if (name.startsWith("telegram.") || name.startsWith("viber.")) {
        soft.assertThat(read(file)).as(file.toString()).doesNotContain("*");
      }
    });
    soft.assertAll();
  }

  // --- the templates on disk ---

  /** Template id → channel → kind (txt, subject, html) → locales, from the files in templates/. */
  private static Map<String, Map<Channel, Map<String, Set<String>>>> shipped() {
    Map<String, Map<Channel, Map<String, Set<String>>>> shipped = new TreeMap<>();
    for (Path dir : list(ROOT)) {
      if (!Files.isDirectory(dir)) {
        continue; // README.md
      }
      String id = dir.getFileName().toString();
      if (!MessageTemplates.isTemplateId(id)) {
        fail("%s is not named as a template id (lower-case letters, digits and -): the app would not see it", dir);
      }
      for (Path file : list(dir)) {
        Matcher name = FILE.matcher(file.getFileName().toString());
        if (!name.matches() || Channel.fromId(name.group(1)).isEmpty() || !LOCALES.contains(name.group(2))) {
          fail("%s is not named <channel>.<fa|ru|en>.<txt|subject|html>", file);
        }
        Channel channel = Channel.fromId(name.group(1)).orElseThrow();
        String kind = name.group(3);
        if (kind.equals("html") && channel != Channel.EMAIL
            || kind.equals("subject") && channel != Channel.EMAIL && channel != Channel.PUSH) {
          fail("%s: only email has a .html, and only email and push a .subject", file);
        }
        shipped.computeIfAbsent(id, i -> new TreeMap<>()).computeIfAbsent(channel, c -> new TreeMap<>())
            .computeIfAbsent(kind, k -> new TreeSet<>()).add(name.group(2));
      }
    }
    assertThat(shipped).as("templates in %s", ROOT.toAbsolutePath()).isNotEmpty();
    return shipped;
  }

  private interface MessageVisitor {
    void visit(String id, Channel channel, String locale);
  }

  private interface FileVisitor {
    void visit(Path file, String locale);
  }

  /** Every (template, channel, locale) whose text is on disk. */
  private static void forEachMessage(MessageVisitor visitor) {
    shipped().forEach((id, channels) -> channels.forEach((channel, kinds) ->
        kinds.getOrDefault("txt", Set.of()).forEach(locale -> visitor.visit(id, channel, locale))));
  }

  private static void forEachFile(FileVisitor visitor) {
    for (Path dir : list(ROOT)) {
      if (Files.isDirectory(dir)) {
        for (Path file : list(dir)) {
          Matcher name = FILE.matcher(file.getFileName().toString());
          if (name.matches()) {
            visitor.visit(file, name.group(2));
          }
        }
      }
    }
  }

  /** What a send gives the template: its playbook's variables, the locale, and for email the unsubscribe link. */
  private static Map<String, Object> model(String id, Channel channel, String locale) {
    List<String> names = VARIABLES.get(id);
    if (names == null) {
      fail("Template %s: list the variables its playbook passes in ShippedTemplatesTest.VARIABLES", id);
    }
    Map<String, Object> model = new HashMap<>();
    names.forEach(name -> model.put(name, SAMPLE_BY_LOCALE.containsKey(name)
        ? SAMPLE_BY_LOCALE.get(name).get(locale) : SAMPLE.get(name)));
    FLAGS.getOrDefault(id, List.of()).forEach(flag -> model.put(flag, false));
    model.put("locale", locale);
    if (channel == Channel.EMAIL) {
      model.put("unsubscribeUrl", SAMPLE.get("unsubscribeUrl"));
    }
    return model;
  }

  /**
   * The models a text is checked with, by variant: "" for every variable its playbook passes (or,
   * for a template with FLAGS, " when flag" for each flag true and the others false), and the same
   * + " without name" for each OPTIONAL variable left out.
   */
  private static Map<String, Map<String, Object>> models(String id, Channel channel, String locale) {
    Map<String, Map<String, Object>> full = new LinkedHashMap<>();
    List<String> flags = FLAGS.getOrDefault(id, List.of());
    if (flags.isEmpty()) {
      full.put("", model(id, channel, locale));
    }
    for (String flag : flags) {
      Map<String, Object> model = model(id, channel, locale);
      model.put(flag, true);
      full.put(" when " + flag, model);
    }
    Map<String, Map<String, Object>> models = new LinkedHashMap<>();
    full.forEach((variant, model) -> {
      models.put(variant, model);
      for (String optional : OPTIONAL.getOrDefault(id, List.of())) {
        Map<String, Object> without = new HashMap<>(model);
        without.remove(optional);
        models.put(variant + " without " + optional, without);
      }
    });
    return models;
  }

  private String sms(String id, String locale, Map<String, Object> model) {
    return templates.render(id, Channel.SMS, locale, model).text();
  }

  private static boolean isEmoji(int c) {
    return c >= 0x1F000 || c >= 0x2300 && c <= 0x27BF || c == 0xFE0F;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(files.sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
