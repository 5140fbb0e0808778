package io.omnijourney.channel.kavenegar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.omnijourney.channel.Channel;
import io.omnijourney.support.ThroughChannelProviders;
import io.omnijourney.channel.ChannelProvider.Lookup;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.delivery.DeliveryStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.client.RestClient;

/**
 * The Kavenegar client against WireMock, with the answers Kavenegar documents: the send, each of
 * its error codes in our four classes, the look-up by our reference and the status query.
 */
class KavenegarProviderTest {

  /** Distinctive, so a test can prove it never reaches a message. */
  private static final String KEY = "KEY-4f1d2c-SECRET";
  private static final String SEND_PATH = "/v1/" + KEY + "/sms/send.json";
  private static final String SENDER = "10004346";
  private static final String TEXT = "سفارش ۱۰۰۱ شما ثبت شد.";

  @RegisterExtension
  static final WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Kavenegar's documented answer to sms/send.
  private static final String SENT = """
      {"return":{"status":200,"message":"تایید شد"},
       "entries":[{"messageid":8792343,"message":"سفارش ۱۰۰۱ شما ثبت شد.","status":1,"statustext":"در صف ارسال",
                   "sender":"10004346","receptor":"09121234567","date":1356619709,"cost":120}]}""";

  @Test
  void acceptedSendKeepsKavenegarsMessageIdAndSendsOurReferenceAsLocalid() {
    api.stubFor(post(SEND_PATH).willReturn(okJson(SENT)));

    SendOutcome outcome = provider().send(sms("delivery-1"));

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted("8792343"));
    api.verify(postRequestedFor(urlPathEqualTo(SEND_PATH))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withFormParam("receptor", equalTo("09121234567"))
        .withFormParam("message", equalTo(TEXT))
        .withFormParam("sender", equalTo(SENDER))
        .withFormParam("localid", equalTo("delivery-1")));
  }

  @Test
  void foreignNumbersGoOutInTheInternationalForm() {
    assertThat(KavenegarProvider.receptor("+989121234567")).isEqualTo("09121234567");
    assertThat(KavenegarProvider.receptor("+79161234567")).isEqualTo("0079161234567");
  }

  @Test
  void invalidReceptorIsPermanentAndMarksTheNumberUnreachable() {
    refuse(411, "دریافت کننده نامعتبر است");

    assertThat(provider().send(sms("delivery-2")))
        .isEqualTo(new SendOutcome.Permanent("411", "Kavenegar refused the receptor: not a valid mobile number",
            Block.UNREACHABLE));
  }

  @Test
  void refusedMessageIsPermanentForThisMessageOnly() {
    refuse(413, "پیام خالی است و یا طول پیام بیش از حد مجاز میباشد");

    assertThat(provider().send(sms("delivery-3"))).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo("413");
      assertThat(permanent.block()).isEqualTo(Block.NONE);
    });
  }

  @Test
  void anErrorCodeInTheBodyCountsEvenUnderHttp200() {
    api.stubFor(post(SEND_PATH).willReturn(okJson(
        "{\"return\":{\"status\":411,\"message\":\"دریافت کننده نامعتبر است\"},\"entries\":null}")));

    assertThat(provider().send(sms("delivery-4"))).isInstanceOfSatisfying(SendOutcome.Permanent.class,
        permanent -> assertThat(permanent.code()).isEqualTo("411"));
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 412, 418})
  void disabledAccountBadKeyOurSenderLineAndNoCreditAreMisconfigured(int code) {
    refuse(code, "خطا");

    assertThat(provider().send(sms("delivery-5"))).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo(String.valueOf(code)));
  }

  @Test
  void busyIsTransientWithOurWait() {
    refuse(409, "سرور قادر به پاسخگوئی نیست بعدا تلاش کنید");

    assertThat(provider().send(sms("delivery-6")))
        .isEqualTo(new SendOutcome.Transient("409", "Kavenegar is busy", KavenegarProvider.BUSY_WAIT));
  }

  @Test
  void tooManyCallsIsTransientAndHonoursARetryAfter() {
    api.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(451).withHeader("Retry-After", "120")
        .withHeader("Content-Type", "application/json")
        .withBody("{\"return\":{\"status\":451,\"message\":\"فراخوانی بیش از حد\"},\"entries\":null}")));

    assertThat(provider().send(sms("delivery-7"))).isInstanceOfSatisfying(SendOutcome.Transient.class, later -> {
      assertThat(later.code()).isEqualTo("451");
      assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    });
  }

  @Test
  void http429FromAGatewayIsTransientAndHonoursItsRetryAfter() {
    api.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
        .withBody("<html>Too Many Requests</html>")));

    assertThat(provider().send(sms("delivery-8"))).isInstanceOfSatisfying(SendOutcome.Transient.class, later -> {
      assertThat(later.code()).isEqualTo("429");
      assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    });
  }

  @Test
  void serverErrorsAreTransient() {
    api.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));

    assertThat(provider().send(sms("delivery-9"))).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.code()).isEqualTo("502"));
  }

  @Test
  void withoutAnApiKeyNothingIsCalledAndTheSendIsMisconfigured() {
    KavenegarProvider unconfigured = new KavenegarProvider(
        new KavenegarSettings("", SENDER, api.baseUrl(), null), RestClient.builder());

    assertThat(ThroughChannelProviders.send(unconfigured, sms("delivery-10"))).isInstanceOf(SendOutcome.Misconfigured.class);
    assertThat(unconfigured.missingSettings()).containsExactly("KAVENEGAR_API_KEY");
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  @Test
  void aRefusedConnectionIsTransientAndItsReasonHoldsNoKey() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    KavenegarProvider unreachable = new KavenegarProvider(
        new KavenegarSettings(KEY, SENDER, "http://127.0.0.1:" + closedPort, null), RestClient.builder());

    assertThat(unreachable.send(sms("delivery-11"))).isInstanceOfSatisfying(SendOutcome.Transient.class, later -> {
      assertThat(later.code()).isEqualTo("no-connection");
      assertThat(later.reason()).doesNotContain(KEY);
    });
  }

  @Test
  void anAnswerLostAfterTheRequestWentOutIsUnknownAndItsMessageHoldsNoKey() {
    api.stubFor(post(SEND_PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> provider().send(sms("delivery-12")))
        .isInstanceOf(ProviderHttp.NoAnswer.class)
        .message().doesNotContain(KEY).doesNotContain("/v1/");
  }

  @Test
  void lookupFindsTheMessageSentWithOurReference() {
    api.stubFor(get(urlPathEqualTo("/v1/" + KEY + "/sms/statuslocalmessageid.json"))
        .withQueryParam("localid", equalTo("delivery-13"))
        .willReturn(okJson("""
            {"return":{"status":200,"message":"تایید شد"},
             "entries":[{"messageid":8792343,"localid":"delivery-13","status":10,
                         "statustext":"رسیده به گیرنده"}]}""")));

    assertThat(provider().lookup("delivery-13")).isEqualTo(Lookup.found("8792343"));
  }

  @Test
  void lookupOfAReferenceKavenegarDoesNotKnowIsNotFound() {
    api.stubFor(get(urlPathEqualTo("/v1/" + KEY + "/sms/statuslocalmessageid.json"))
        .willReturn(okJson("""
            {"return":{"status":200,"message":"تایید شد"},
             "entries":[{"messageid":0,"localid":"delivery-14","status":100,"statustext":"شناسه نامعتبر"}]}""")));

    assertThat(provider().lookup("delivery-14")).isEqualTo(Lookup.NOT_FOUND);
  }

  @Test
  void aFailedLookupIsNeverTakenForNotFound() {
    api.stubFor(get(urlPathEqualTo("/v1/" + KEY + "/sms/statuslocalmessageid.json"))
        .willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> provider().lookup("delivery-15"))
        .isInstanceOf(IllegalStateException.class)
        .message().contains("503").doesNotContain(KEY);
  }

  @Test
  void statusesOfABatchAreAskedInOneCall() {
    api.stubFor(get(urlPathEqualTo("/v1/" + KEY + "/sms/status.json"))
        .withQueryParam("messageid", equalTo("8792343,8792344"))
        .willReturn(okJson("""
            {"return":{"status":200,"message":"تایید شد"},
             "entries":[{"messageid":8792343,"status":10,"statustext":"رسیده به گیرنده"},
                        {"messageid":8792344,"status":6,"statustext":"خطا در ارسال پیام"}]}""")));

    List<KavenegarProvider.MessageStatus> statuses = provider().statuses(List.of("8792343", "8792344"));

    assertThat(statuses).extracting(KavenegarProvider.MessageStatus::messageId, KavenegarProvider.MessageStatus::status)
        .containsExactly(tuple("8792343", 10), tuple("8792344", 6));
    api.verify(1, getRequestedFor(urlPathEqualTo("/v1/" + KEY + "/sms/status.json")));
  }

  @Test
  void kavenegarStatusesMapIntoTheLedger() {
    assertThat(KavenegarStatuses.toDelivery(1)).isNull();
    assertThat(KavenegarStatuses.toDelivery(2)).isNull();
    assertThat(KavenegarStatuses.toDelivery(4)).isEqualTo(DeliveryStatus.SENT);
    assertThat(KavenegarStatuses.toDelivery(5)).isEqualTo(DeliveryStatus.SENT);
    assertThat(KavenegarStatuses.toDelivery(6)).isEqualTo(DeliveryStatus.FAILED);
    assertThat(KavenegarStatuses.toDelivery(10)).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(KavenegarStatuses.toDelivery(11)).isEqualTo(DeliveryStatus.UNDELIVERED);
    assertThat(KavenegarStatuses.toDelivery(13)).isEqualTo(DeliveryStatus.FAILED);
    assertThat(KavenegarStatuses.toDelivery(14)).isEqualTo(DeliveryStatus.UNDELIVERED);
    assertThat(KavenegarStatuses.toDelivery(100)).isNull();
  }

  private static KavenegarProvider provider() {
    return new KavenegarProvider(new KavenegarSettings(KEY, SENDER, api.baseUrl(), null), RestClient.builder());
  }

  private static OutboundMessage sms(String reference) {
    return new OutboundMessage(reference, Channel.SMS, "+989121234567", null, TEXT, null);
  }

  /** Kavenegar's error answer: the code as HTTP status and as {@code return.status}. */
  private static void refuse(int code, String message) {
    api.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(code).withHeader("Content-Type", "application/json")
        .withBody("{\"return\":{\"status\":" + code + ",\"message\":\"" + message + "\"},\"entries\":null}")));
  }
}
