package io.omnijourney.channel.smsru;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.omnijourney.channel.Channel;
import io.omnijourney.support.ThroughChannelProviders;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.client.RestClient;

/**
 * The SMS.ru client against WireMock playing {@code /sms/send} with SMS.ru's JSON answers: HTTP 200
 * whatever happened, a request-level {@code status_code}, and one result per number.
 */
class SmsRuProviderTest {

  private static final String API_ID = "00000000-1111-2222-3333-444444444444";
  private static final String PHONE = "79255070602";
  private static final String TEXT = "Ваш заказ 1001 оформлен.";

  @RegisterExtension
  static final WireMockExtension smsru = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void acceptedMessageAnswersTheSmsIdAndSendsTheFormSmsRuExpects() {
    answer("""
        {"status": "OK", "status_code": 100,
         "sms": {"%s": {"status": "OK", "status_code": 100, "sms_id": "000000-10000000"}},
         "balance": 4122.56}
        """.formatted(PHONE));

    SendOutcome outcome = provider("Shop").send(sms());

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted("000000-10000000"));
    LoggedRequest request = onlyRequest();
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "api_id", API_ID,
        "to", PHONE,
        "msg", TEXT,
        "json", "1",
        "from", "Shop"));
  }

  @Test
  void withoutASenderNameNoFromIsSent() {
    answer(result(100, "\"sms_id\": \"000000-10000001\""));

    assertThat(provider(null).send(sms())).isEqualTo(new SendOutcome.Accepted("000000-10000001"));
    assertThat(form(onlyRequest())).doesNotContainKey("from");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "202, UNREACHABLE",
      "207, UNREACHABLE",
      "209, OPTED_OUT",
      "215, NONE"})
  void aRefusedNumberIsPermanentWithItsBlock(int code, Block block) {
    answer(result(code, "\"status_text\": \"...\""));

    assertThat(provider(null).send(sms())).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo(String.valueOf(code));
      assertThat(permanent.block()).isEqualTo(block);
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"200", "201", "300", "301", "302"})
  void anAccountProblemIsAConfigurationProblem(int code) {
    answer("{\"status\": \"ERROR\", \"status_code\": " + code + ", \"status_text\": \"...\"}");

    assertThat(provider(null).send(sms())).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo(String.valueOf(code)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"220", "500"})
  void aServiceHiccupIsTransient(int code) {
    answer("{\"status\": \"ERROR\", \"status_code\": " + code + ", \"status_text\": \"...\"}");

    assertThat(provider(null).send(sms())).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.code()).isEqualTo(String.valueOf(code)));
  }

  @ParameterizedTest(name = "{0} waits {1}")
  @CsvSource({"231, PT1M", "230, PT1H", "232, PT1H", "206, PT1H"})
  void aLimitIsTransientWithARetryAfter(int code, Duration wait) {
    answer(result(code, "\"status_text\": \"...\""));

    assertThat(provider(null).send(sms())).isInstanceOfSatisfying(SendOutcome.Transient.class, later -> {
      assertThat(later.code()).isEqualTo(String.valueOf(code));
      assertThat(later.retryAfter()).isEqualTo(wait);
    });
  }

  @Test
  void http429IsTransientAndHonoursRetryAfter() {
    smsru.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));

    assertThat(provider(null).send(sms())).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(12)));
  }

  @Test
  void http502IsTransient() {
    smsru.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

    assertThat(provider(null).send(sms())).isInstanceOf(SendOutcome.Transient.class);
  }

  @Test
  void withoutAnApiIdNothingIsSent() {
    SmsRuProvider provider = new SmsRuProvider(RestClient.builder(), new SmsRuSettings(" ", null, smsru.baseUrl()));

    assertThat(provider.missingSettings()).containsExactly("SMSRU_API_ID");
    assertThat(ThroughChannelProviders.send(provider, sms())).isInstanceOf(SendOutcome.Misconfigured.class);
    smsru.verify(exactly(0), postRequestedFor(urlEqualTo("/sms/send")));
  }

  @Test
  void theBaseUrlDefaultsToSmsRu() {
    assertThat(new SmsRuSettings(API_ID, null, null).baseUrl()).isEqualTo("https://sms.ru");
  }

  /** A request SMS.ru took, with this result for our number. */
  private static String result(int code, String fields) {
    return """
        {"status": "OK", "status_code": 100,
         "sms": {"%s": {"status": "%s", "status_code": %d, %s}}, "balance": 10.5}
        """.formatted(PHONE, code == 100 ? "OK" : "ERROR", code, fields);
  }

  private static void answer(String json) {
    smsru.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(json)));
  }

  private static SmsRuProvider provider(String from) {
    return new SmsRuProvider(RestClient.builder(), new SmsRuSettings(API_ID, from, smsru.baseUrl()));
  }

  private static OutboundMessage sms() {
    return new OutboundMessage("delivery-1", Channel.SMS, "+" + PHONE, null, TEXT, null);
  }

  private static LoggedRequest onlyRequest() {
    assertThat(smsru.getAllServeEvents()).hasSize(1);
    return smsru.getAllServeEvents().get(0).getRequest();
  }

  private static Map<String, String> form(LoggedRequest request) {
    return Arrays.stream(request.getBodyAsString().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> decode(pair[1])));
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
