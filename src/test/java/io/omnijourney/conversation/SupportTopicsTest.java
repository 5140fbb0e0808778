package io.omnijourney.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bpmn/support-topics.dmn with the engine's own DMN engine: customers' words in fa, ru and en. */
class SupportTopicsTest {

  static DmnEngine dmn;
  static DmnDecision topic;
  static DmnDecision queue;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("bpmn/support-topics.dmn"))) {
      var decisions = dmn.parseDecisions(in);
      topic = decisions.stream().filter(d -> d.getKey().equals("supportTopic")).findFirst().orElseThrow();
      queue = decisions.stream().filter(d -> d.getKey().equals("supportQueue")).findFirst().orElseThrow();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "My order 1001 has not arrived | order-not-arrived | support",
      "Where is my order?? | order-not-arrived | support",
      "Здравствуйте, заказ не пришёл | order-not-arrived | support",
      "سلام، سفارشم نرسیده | order-not-arrived | support",
      "The invoice has not arrived | invoice-not-arrived | billing",
      "Не пришёл счёт на оплату | invoice-not-arrived | billing",
      "فاکتور سفارش را نگرفتم | invoice-not-arrived | billing",
      "The mug came broken, please replace it | replacement | support",
      "Хочу обменять размер | replacement | support",
      "کالا خراب بود، تعویض می‌خواهم | replacement | support",
      "How much is the blue one? | pre-sale | sales",
      "Есть ли в наличии? | pre-sale | sales",
      "قیمت این مدل چند است؟ | pre-sale | sales",
      "We offer wholesale cooperation | partnership | partnerships",
      "Предлагаем сотрудничество | partnership | partnerships",
      "برای همکاری و نمایندگی | partnership | partnerships",
      "Win at our CASINO | irrelevant | support",
      "Hello | other | support"})
  void theFirstMessagesWordsChooseTheTopicAndTheTopicTheQueue(String text, String expectedTopic, String expectedQueue) {
    Object chosen = dmn.evaluateDecisionTable(topic, Map.of("messageText", text)).getSingleEntry();
    assertThat(chosen).isEqualTo(expectedTopic);
    assertThat(dmn.evaluateDecisionTable(queue, Map.of("topic", chosen)).<Object>getSingleEntry())
        .isEqualTo(expectedQueue);
  }

  @Test
  void anEmptyMessageIsOther() {
    assertThat(dmn.evaluateDecisionTable(topic, Map.of("messageText", "")).<Object>getSingleEntry()).isEqualTo("other");
  }
}
