package io.omnijourney.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnijourney.channel.Channel;
import io.omnijourney.template.MessageTemplates.TemplateException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The shipped templates in templates/, rendered as journeys render them. */
class MessageTemplatesTest {

  private final MessageTemplates templates = new MessageTemplates();

  @Test
  void smsRendersInTheCustomersLanguage() {
    assertThat(templates.render("order-confirmation", Channel.SMS, "ru", Map.of("orderNumber", "7")).text())
        .isEqualTo("Спасибо! Ваш заказ 7 подтверждён.");
    assertThat(templates.render("order-confirmation", Channel.SMS, "fa", Map.of("orderNumber", "7")).text())
        .contains("سفارش 7");
  }

  @Test
  void emailHasASubjectATextAndAnEscapedHtmlBody() {
    RenderedMessage email = templates.render("order-invoice", Channel.EMAIL, "en",
        Map.of("orderNumber", "<7>", "unsubscribeUrl", "https://example.test/u/abc.def"));

    assertThat(email.subject()).isEqualTo("Your invoice for order <7>");
    assertThat(email.text()).contains("order <7>").contains("https://example.test/u/abc.def");
    assertThat(email.html()).contains("<strong>&lt;7&gt;</strong>").contains("href=\"https://example.test/u/abc.def\"");
  }

  @Test
  void anUnknownLocaleFallsBackToEnglish() {
    assertThat(templates.render("order-confirmation", Channel.SMS, "de", Map.of("orderNumber", "7")).text())
        .isEqualTo("Thank you! Your order 7 is confirmed.");
  }

  @Test
  void aRegionalLocaleFallsBackToItsLanguage() {
    assertThat(templates.render("order-confirmation", Channel.SMS, "ru-RU", Map.of("orderNumber", "7")).text())
        .isEqualTo("Спасибо! Ваш заказ 7 подтверждён.");
  }

  @Test
  void aLocaleOrIdThatIsAPathReadsNoFileOutsideTheTemplates() {
    // The file the first traversal would reach is on the test classpath: the test could catch a leak.
    assertThat(new ClassPathResource("META-INF/NOTICE.txt").exists()).isTrue();

    assertThat(templates.render("order-confirmation", Channel.SMS, "x/../../../META-INF/NOTICE",
        Map.of("orderNumber", "7")).text()).isEqualTo("Thank you! Your order 7 is confirmed.");
    assertThatThrownBy(() -> templates.render("../../META-INF", Channel.SMS, "en", Map.of()))
        .isInstanceOf(TemplateException.class);
    assertThat(templates.variablesOf("..")).isEmpty();
    assertThat(templates.exists("../order-confirmation", Channel.SMS)).isFalse();
  }

  @Test
  void localesAreBcp47LanguageTagsOfASaneLength() {
    assertThat(MessageTemplates.isLanguageTag("fa")).isTrue();
    assertThat(MessageTemplates.isLanguageTag("en-GB")).isTrue();
    assertThat(MessageTemplates.isLanguageTag("sr-Latn-RS")).isTrue();
    assertThat(MessageTemplates.isLanguageTag("x/../../../META-INF/NOTICE")).isFalse();
    assertThat(MessageTemplates.isLanguageTag("en_GB")).isFalse();
    assertThat(MessageTemplates.isLanguageTag("")).isFalse();
    assertThat(MessageTemplates.isLanguageTag(null)).isFalse();
    assertThat(MessageTemplates.isLanguageTag("en-" + "a".repeat(8) + "-b".repeat(20))).isFalse();
  }

  @Test
  void templateIdsArePlainIds() {
    assertThat(MessageTemplates.isTemplateId("order-confirmation")).isTrue();
    assertThat(MessageTemplates.isTemplateId("../order-confirmation")).isFalse();
    assertThat(MessageTemplates.isTemplateId("Order_Confirmation")).isFalse();
    assertThat(MessageTemplates.isTemplateId("order.confirmation")).isFalse();
    assertThat(MessageTemplates.isTemplateId("-order")).isFalse();
    assertThat(MessageTemplates.isTemplateId("a".repeat(65))).isFalse();
  }

  @Test
  void aMillionDistinctLocalesCacheNothingBeyondTheCataloguesFiles() {
    Map<String, Object> variables = Map.of("orderNumber", "7");
    templates.render("order-confirmation", Channel.SMS, "en", variables);
    templates.render("order-confirmation", Channel.SMS, "fa", variables);
    int compiled = templates.compiledCount();
    assertThat(compiled).isPositive();

    for (int i = 0; i < 1_000_000; i++) {
      // Well-formed tags the catalogue has no text in: each falls back to Persian or English.
      String locale = (i % 2 == 0 ? "fa-x-" : "de-x-") + Integer.toString(i, 36);
      templates.render("order-confirmation", Channel.SMS, locale, variables);
    }

    assertThat(templates.compiledCount()).isEqualTo(compiled).isLessThanOrEqualTo(templates.fileCount());
  }

  @Test
  void aMissingVariableFailsInsteadOfSendingAHole() {
    assertThatThrownBy(() -> templates.render("order-confirmation", Channel.SMS, "en", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("orderNumber");
  }

  @Test
  void aVariableUsedOnlyAsASectionIsOptional() {
    assertThat(templates.variablesOf("order-thank-you")).contains(new java.util.TreeSet<>(java.util.Set.of("orderNumber")));

    assertThat(templates.render("order-thank-you", Channel.SMS, "en", Map.of("orderNumber", "7")).text())
        .isEqualTo("Thank you for your order 7! How was it? Just reply to this SMS and tell us.");
    // An empty value counts as none, never as a link to nowhere.
    assertThat(templates.render("order-thank-you", Channel.SMS, "en", Map.of("orderNumber", "7", "feedbackUrl", "")).text())
        .isEqualTo("Thank you for your order 7! How was it? Just reply to this SMS and tell us.");
    assertThat(templates.render("order-thank-you", Channel.SMS, "en",
        Map.of("orderNumber", "7", "feedbackUrl", "https://shop.example/f/7")).text())
        .isEqualTo("Thank you for your order 7! How was it? Tell us in a minute: https://shop.example/f/7");
  }

  @Test
  void aMissingTemplateFails() {
    assertThatThrownBy(() -> templates.render("order-invoice", Channel.VIBER, "en", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("viber");
  }
}
