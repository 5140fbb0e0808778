package io.omnijourney.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.omnijourney.delivery.SendFailure;
import io.omnijourney.support.JourneyTest;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Provider failover within a channel, with real provider clients against WireMock playing Twilio
 * (the primary) and SMS.ru (the secondary): during Twilio's outage, journeys' SMS go out through
 * SMS.ru; once Twilio answers again, sends return to it.
 */
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class SmsFailoverTest extends JourneyTest {

  private static final String TWILIO = "/2010-04-01/Accounts/ACtest00000000000000000000000000/Messages.json";

  @RegisterExtension
  static final WireMockExtension providers = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  @Autowired ChannelProviders channelProviders;

  @DynamicPropertySource
  static void smsThroughTwilioThenSmsRu(DynamicPropertyRegistry registry) {
    registry.add("omnijourney.channels.sms.provider", () -> "twilio");
    registry.add("omnijourney.channels.sms.secondary", () -> "smsru");
    registry.add("omnijourney.providers.twilio.base-url", providers::baseUrl);
    registry.add("omnijourney.providers.smsru.base-url", providers::baseUrl);
    registry.add("omnijourney.failover.window", () -> "4");
    registry.add("omnijourney.failover.minimum-calls", () -> "3");
    registry.add("omnijourney.failover.open-for", () -> "PT1S");
    // A process engine of its own: the shared context's engine stays engine-rest's "default".
    registry.add("camunda.bpm.process-engine-name", () -> "smsFailoverTest");
  }

  @Test
  void duringTwiliosOutageSmsGoOutThroughSmsRuAndReturnToTwilioWhenItRecovers() {
    providers.stubFor(post(urlEqualTo(TWILIO)).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 503}")));
    // Twilio fails three sends in a row: each job fails transiently and will retry.
    ProcessInstance first = startOrderConfirmation();
    for (int i = 0; i < 3; i++) {
      ProcessInstance journey = i == 0 ? first : startOrderConfirmation();
      assertThatThrownBy(() -> executeJob(journey, SEND_SMS)).isInstanceOf(SendFailure.Transient.class);
    }
    assertThat(channelProviders.forChannel(Channel.SMS).name()).isEqualTo("smsru");

    // Now a new journey's SMS, and the retry of the first, go through SMS.ru.
    ProcessInstance during = startOrderConfirmation();
    smsRuAccepts("000000-10000001");
    executeJob(during, SEND_SMS);
    smsRuAccepts("000000-10000002");
    executeJob(first, SEND_SMS);
    assertThat(during).isWaitingAt(WAIT_SMS);
    assertThat(first).isWaitingAt(WAIT_SMS);
    assertThat(delivery(during, "sms").provider()).isEqualTo("smsru");
    assertThat(delivery(during, "sms").providerMessageId()).isEqualTo("000000-10000001");
    assertThat(delivery(first, "sms").provider()).isEqualTo("smsru");
    providers.verify(3, postRequestedFor(urlEqualTo(TWILIO)));
    providers.verify(2, postRequestedFor(urlPathEqualTo("/sms/send")));

    // Twilio is back. After the open period, sends return to it.
    providers.stubFor(post(urlEqualTo(TWILIO)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"sid\": \"SM1f0e8ae6ade43cb3c0ce4525424e404f\", \"status\": \"queued\"}")));
    await().atMost(Duration.ofSeconds(5)).until(() -> channelProviders.forChannel(Channel.SMS).name().equals("twilio"));
    ProcessInstance after = startOrderConfirmation();
    executeJob(after, SEND_SMS);
    assertThat(after).isWaitingAt(WAIT_SMS);
    assertThat(delivery(after, "sms").provider()).isEqualTo("twilio");
    assertThat(delivery(after, "sms").providerMessageId()).isEqualTo("SM1f0e8ae6ade43cb3c0ce4525424e404f");
    providers.verify(4, postRequestedFor(urlEqualTo(TWILIO)));
    providers.verify(2, postRequestedFor(urlPathEqualTo("/sms/send")));
  }

  /** SMS.ru's answer to a send it took, with its id for the message. */
  private static void smsRuAccepts(String smsId) {
    providers.stubFor(post(urlPathEqualTo("/sms/send")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"status": "OK", "status_code": 100,
             "sms": {"989121234567": {"status": "OK", "status_code": 100, "sms_id": "%s"}},
             "balance": 4122.56}
            """.formatted(smsId))));
  }
}
