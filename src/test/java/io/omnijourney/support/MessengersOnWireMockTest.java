package io.omnijourney.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@link JourneyTest} whose WhatsApp and Telegram channels go through the real providers, both
 * pointed at one WireMock server standing in for Meta's Graph API and Telegram's Bot API. Tests of
 * both providers extend this one class, so they share one extra application context, whose process
 * engine has a name of its own.
 */
public abstract class MessengersOnWireMockTest extends JourneyTest {

  public static final String WHATSAPP_TOKEN = "EAAJB-test-access-token";
  public static final String PHONE_NUMBER_ID = "106540352242922";
  public static final String WHATSAPP_MESSAGES = "/v21.0/" + PHONE_NUMBER_ID + "/messages";
  public static final String BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  public static final String TELEGRAM_SEND_MESSAGE = "/bot" + BOT_TOKEN + "/sendMessage";

  /** Plain HTTP/1.1: the JDK client's h2c upgrade does not get through WireMock's Jetty. */
  protected static final WireMockServer providerApis =
      new WireMockServer(wireMockConfig().dynamicPort().http2PlainDisabled(true));

  static {
    providerApis.start();
    Runtime.getRuntime().addShutdownHook(new Thread(providerApis::stop));
  }

  @DynamicPropertySource
  static void realMessengers(DynamicPropertyRegistry registry) {
    // A second context means a second process engine. Camunda keeps engines in a static registry by
    // name, and engine-rest serves the one named "default": under that name too, this engine would
    // take engine-rest away from the shared JourneyTest context.
    registry.add("camunda.bpm.process-engine-name", () -> "messengers");
    registry.add("omnijourney.channels.whatsapp.provider", () -> "whatsapp");
    registry.add("omnijourney.providers.whatsapp.base-url", providerApis::baseUrl);
    registry.add("omnijourney.providers.whatsapp.access-token", () -> WHATSAPP_TOKEN);
    registry.add("omnijourney.providers.whatsapp.phone-number-id", () -> PHONE_NUMBER_ID);
    registry.add("omnijourney.channels.telegram.provider", () -> "telegram");
    registry.add("omnijourney.providers.telegram.base-url", providerApis::baseUrl);
    registry.add("omnijourney.providers.telegram.bot-token", () -> BOT_TOKEN);
  }

  @BeforeEach
  void resetProviderApis() {
    providerApis.resetAll();
  }
}
