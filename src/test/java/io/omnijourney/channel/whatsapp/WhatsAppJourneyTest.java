package io.omnijourney.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.delivery.Delivery;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.support.MessengersOnWireMockTest;
import io.omnijourney.template.MessageTemplates;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * The order confirmation with its WhatsApp fallback going through the real Cloud API client (Meta
 * played by WireMock) and Meta's signed status webhook coming back, out of order.
 */
class WhatsAppJourneyTest extends MessengersOnWireMockTest {

  @Autowired MessageTemplates templates;

  @Test
  void smsSilentFallsBackToWhatsappWhoseReadBeforeDeliveredMovesTheJourneyOn() {
    String wamid = WhatsAppWebhookTest.newWamid();
    providerApis.stubFor(post(WHATSAPP_MESSAGES).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"messaging_product": "whatsapp", "contacts": [{"input": "%s", "wa_id": "%s"}],
             "messages": [{"id": "%s"}]}""".formatted(SARA_PHONE, SARA_PHONE.substring(1), wamid))));
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation(Map.of("smsTimeout", "PT10S"));

    executeJob(journey, SEND_SMS);
    executeJob(journey, SMS_NOT_DELIVERED);
    assertThat(journey).isWaitingAt(SEND_WHATSAPP);
    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isWaitingAt(WAIT_WHATSAPP);
    String expectedText = templates.render("order-confirmation", Channel.WHATSAPP, "fa",
        Map.of("orderNumber", "1001")).text();
    providerApis.verify(1, postRequestedFor(urlEqualTo(WHATSAPP_MESSAGES))
        .withHeader("Authorization", equalTo("Bearer " + WHATSAPP_TOKEN))
        .withRequestBody(matchingJsonPath("$.to", equalTo(SARA_PHONE)))
        .withRequestBody(matchingJsonPath("$.type", equalTo("text")))
        .withRequestBody(matchingJsonPath("$.text.body", equalTo(expectedText))));
    Delivery whatsapp = delivery(journey, "whatsapp");
    assertThat(whatsapp.provider()).isEqualTo(WhatsAppProvider.NAME);
    assertThat(whatsapp.providerMessageId()).isEqualTo(wamid);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms");

    String body = WhatsAppWebhookTest.payload(
        WhatsAppWebhookTest.status(wamid, "read"), WhatsAppWebhookTest.status(wamid, "delivered"));
    ResponseEntity<String> answer = postWhatsappWebhook(body);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.READ);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
  }
}
