package io.omnijourney.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnijourney.channel.Channel;
import io.omnijourney.template.MessageTemplates.TemplateException;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
