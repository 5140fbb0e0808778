package io.omnijourney.channel.kavenegar;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.delivery.Delivery.Correlation;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderEvents;
import io.omnijourney.support.JourneyTest;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Kavenegar poller in the running application: an order confirmation whose SMS goes through
 * Kavenegar (WireMock) waits for its report until a poll of the status API moves it on.
 *
 * <p>Kavenegar is the SMS provider only here, so this class has an application context of its own,
 * closed after it; its engine has a name of its own, so Camunda's static engine registry keeps the
 * shared context's "default" engine for every other test in this JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class KavenegarPollerJourneyTest extends JourneyTest {

  private static final String KEY = "KEY-7c9e-JOURNEY-SECRET";
  private static final String SEND = "/v1/" + KEY + "/sms/send.json";
  private static final String STATUS = "/v1/" + KEY + "/sms/status.json";

  private static final WireMockServer kavenegar = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    kavenegar.start();
  }

  @DynamicPropertySource
  static void kavenegarSendsSms(DynamicPropertyRegistry registry) {
    registry.add("omnijourney.channels.sms.provider", () -> KavenegarProvider.NAME);
    registry.add("omnijourney.providers.kavenegar.api-key", () -> KEY);
    registry.add("omnijourney.providers.kavenegar.sender", () -> "10004346");
    registry.add("omnijourney.providers.kavenegar.base-url", kavenegar::baseUrl);
    registry.add("camunda.bpm.process-engine-name", () -> "kavenegarJourneyTest");
  }

  @AfterAll
  static void stopKavenegar() {
    kavenegar.stop();
  }

  @Autowired KavenegarPoller poller;
  @Autowired ProviderEvents inbox;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void forgetStubs() {
    kavenegar.resetAll();
  }

  @Test
  void deliveredStatusMovesTheJourneyOnToTheInvoice(CapturedOutput output) {
    String messageId = kavenegarAccepts();
    ProcessInstance journey = startOrderConfirmation();

    executeJob(journey, SEND_SMS);

    assertThat(journey).isWaitingAt(WAIT_SMS);
    assertThat(delivery(journey, "sms").provider()).isEqualTo(KavenegarProvider.NAME);
    assertThat(delivery(journey, "sms").providerMessageId()).isEqualTo(messageId);

    kavenegarReports(messageId, 4, "ارسال شده به مخابرات");
    assertThat(poller.poll()).isEqualTo(1);
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(journey).isWaitingAt(WAIT_SMS);

    kavenegarReports(messageId, 10, "رسیده به گیرنده");
    assertThat(poller.poll()).isEqualTo(1);

    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivery(journey, "sms").correlation()).isEqualTo(Correlation.CORRELATED);
    assertThat(outbox.list(null, null)).isEmpty();
    // A delivered message is final: the next round does not ask about it.
    assertThat(poller.poll()).isZero();
    assertThat(output.getAll()).doesNotContain(KEY).doesNotContain("9121234567");
    // HTTP client metrics name the URI template, never the path with the key in it.
    assertThat(meters.get("http.client.requests").meters()).isNotEmpty()
        .flatExtracting(meter -> meter.getId().getTags()).extracting(Tag::getValue)
        .contains("/v1/{apiKey}/sms/send.json")
        .noneMatch(value -> value.contains(KEY));
  }

  @Test
  void failedStatusFallsBackToWhatsapp() {
    String messageId = kavenegarAccepts();
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    assertThat(journey).isWaitingAt(WAIT_SMS);

    kavenegarReports(messageId, 6, "خطا در ارسال پیام");
    assertThat(poller.poll()).isEqualTo(1);

    eventually(() -> assertThat(journey).isWaitingAt(SEND_WHATSAPP));
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.FAILED);
    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
  }

  @Test
  void anUnchangedStatusIsStoredOnceHoweverOftenItIsPolled() {
    String messageId = kavenegarAccepts();
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    long before = inbox.count(KavenegarProvider.NAME);

    kavenegarReports(messageId, 1, "در صف ارسال");
    assertThat(poller.poll()).isZero();
    kavenegarReports(messageId, 5, "ارسال شده به مخابرات");
    assertThat(poller.poll()).isEqualTo(1);
    assertThat(poller.poll()).isZero();

    assertThat(inbox.count(KavenegarProvider.NAME)).isEqualTo(before + 1);
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(journey).isWaitingAt(WAIT_SMS);
    // Leave nothing in flight for the other tests' polls.
    kavenegarReports(messageId, 11, "نرسیده به گیرنده");
    assertThat(poller.poll()).isEqualTo(1);
    eventually(() -> assertThat(journey).isWaitingAt(SEND_WHATSAPP));
  }

  /** Kavenegar takes the next SMS; returns its message id. */
  private static String kavenegarAccepts() {
    String messageId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
    kavenegar.stubFor(post(urlPathEqualTo(SEND)).willReturn(okJson("""
        {"return":{"status":200,"message":"تایید شد"},
         "entries":[{"messageid":%s,"message":"سفارش شما ثبت شد","status":1,"statustext":"در صف ارسال",
                     "sender":"10004346","receptor":"09121234567","date":1356619709,"cost":120}]}"""
        .formatted(messageId))));
    return messageId;
  }

  /** What Kavenegar's status API answers for the message from now on. */
  private static void kavenegarReports(String messageId, int status, String statusText) {
    kavenegar.stubFor(get(urlPathEqualTo(STATUS)).withQueryParam("messageid", containing(messageId))
        .willReturn(okJson("""
            {"return":{"status":200,"message":"تایید شد"},
             "entries":[{"messageid":%s,"status":%d,"statustext":"%s"}]}""".formatted(messageId, status, statusText))));
  }
}
