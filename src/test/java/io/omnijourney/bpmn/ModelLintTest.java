package io.omnijourney.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playbooks in {@code bpmn/} keep the BPMN conventions ({@link ModelLint}), and each rule is seen
 * to fire on a small broken diagram under {@code src/test/lint-samples/}.
 */
class ModelLintTest {

  /** Surefire runs in the module root. */
  private static final Path BPMN = Path.of("bpmn");
  private static final Path SAMPLES = Path.of("src/test/lint-samples");
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path TEMPLATES = Path.of("templates");

  private final ModelLint lint = new ModelLint(SOURCES, TEMPLATES);

  @Test
  void everyPlaybookAndDecisionKeepsTheConventions() {
    List<String> problems = lint.lintFolder(BPMN);

    assertThat(problems).withFailMessage("%d problems in bpmn/:%n%s", problems.size(), String.join("\n", problems))
        .isEmpty();
  }

  @Test
  void theLintReadsEveryDiagramAndDecisionTable() throws IOException {
    // Guards the test above against passing because it found nothing to read.
    try (var files = Files.list(BPMN)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .contains("order-confirmation.bpmn", "deliver-with-fallback.bpmn", "channel-policy.dmn");
    }
  }

  @Test
  void delegatesAreFoundByNameAndByPlainComponentClass() {
    assertThat(lint.beans())
        .contains("sendMessage", "updateContact", "chooseChannel", "checkContactWindow") // @Component("...")
        .contains("messageTemplates", "deliveries") // plain @Component class MessageTemplates, @Service Deliveries
        .doesNotContain("sendOffer");
  }

  @Test
  void aDelegateThatIsNoBeanIsReported() {
    assertThat(sample("unknown-delegate.bpmn")).singleElement().asString()
        .startsWith("unknown-delegate.bpmn Task_SendOffer: ")
        .contains("${sendOffer} names no bean");
  }

  @Test
  void aSendNeedsChannelTemplateAsyncAndRetries() {
    List<String> problems = sample("incomplete-send.bpmn");

    assertThat(problems).hasSize(5);
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("incomplete-send.bpmn Task_SendNoTemplate: ").contains("needs a non-empty input template"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("incomplete-send.bpmn Task_SendBadRetries: ").contains("'three times' is not a retry cycle"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("incomplete-send.bpmn Task_SendPigeon: ").contains("channel 'pigeon' is not a channel"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("incomplete-send.bpmn Task_SendSync: ").contains("must be asyncBefore"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("incomplete-send.bpmn Task_SendSync: ").contains("needs a retry cycle"));
  }

  @Test
  void anExecutableProcessWithoutHistoryTtlIsReported() {
    assertThat(sample("no-history-ttl.bpmn")).singleElement().asString()
        .startsWith("no-history-ttl.bpmn noHistoryTtl: ")
        .contains("historyTimeToLive");
  }

  @Test
  void aDecisionWithoutHistoryTtlIsReported(@TempDir Path dir) throws IOException {
    String table = Files.readString(BPMN.resolve("channel-policy.dmn"));
    assertThat(table).contains(" camunda:historyTimeToLive=\"30\"");
    Path withoutTtl = dir.resolve("channel-policy.dmn");
    Files.writeString(withoutTtl, table.replace(" camunda:historyTimeToLive=\"30\"", ""));

    assertThat(lint.lintFolder(dir)).singleElement().asString()
        .startsWith("channel-policy.dmn channelPolicy: ")
        .contains("historyTimeToLive");
  }

  @Test
  void aTemplateMustExistAndHaveATextForItsChannel() {
    List<String> problems = sample("unknown-template.bpmn");

    assertThat(problems).hasSize(3);
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("unknown-template.bpmn Task_SendMisspelt: ").contains("'order-confirmaton' has no folder"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("unknown-template.bpmn Task_SendInvoiceBySms: ").contains("has no sms.en.txt"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("unknown-template.bpmn Call_DeliverThanks: ").contains("'order-thanks' has no folder"));
  }

  @Test
  void aTemplateFileThatDoesNotCompileIsReported(@TempDir Path templates) throws IOException {
    assertThat(sample("invoice-email.bpmn")).isEmpty();
    Path invoice = Files.createDirectories(templates.resolve("order-invoice"));
    Files.writeString(invoice.resolve("email.en.txt"), "Invoice {{invoiceNumber}}");
    Files.writeString(invoice.resolve("email.fa.txt"), "{{#items}}an unclosed section");

    List<String> problems = new ModelLint(SOURCES, templates).lintDiagram(SAMPLES.resolve("invoice-email.bpmn"));

    assertThat(problems).singleElement().asString()
        .startsWith("invoice-email.bpmn Task_SendInvoice: ")
        .contains("email.fa.txt of 'order-invoice' does not compile");
  }

  @Test
  void aMessageNoCodeCorrelatesIsReported() {
    List<String> problems = sample("unknown-message.bpmn");

    assertThat(problems).hasSize(2);
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("unknown-message.bpmn Task_WaitPayment: ").contains("'payment-recieved' which no code correlates"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("unknown-message.bpmn Event_CartAbandoned: ").contains("'cart-abandoned' which no code correlates"));
  }

  @Test
  void aDeliveryWaitNeedsItsDeliveryATimerAndAChannelThatReports() {
    List<String> problems = sample("unsafe-delivery-wait.bpmn");

    assertThat(problems).hasSize(3).allSatisfy(p -> assertThat(p)
        .startsWith("unsafe-delivery-wait.bpmn Task_WaitTelegramDelivery: "));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("needs an input deliveryId"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("needs a boundary timer"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("after Task_SendTelegram on telegram, which never reports delivery"));
  }

  @Test
  void aWaitForReadingNeedsAChannelThatReportsReading() {
    assertThat(sample("read-wait-after-sms.bpmn")).singleElement().asString()
        .startsWith("read-wait-after-sms.bpmn Task_WaitSmsRead: ")
        .contains("waits for the message to be read after Task_SendSms on sms, which never reports reading");
  }

  @Test
  void aWaitThatAFailureEndsNeedsItsDeliveryAndATimerButMayFollowASilentChannel() {
    List<String> problems = sample("unsafe-failure-wait.bpmn");

    // Task_WaitForReply, the after-sales pattern (wait for a reply, cut short by a failure report),
    // passes even after a Telegram send: its timer decides there, as it should.
    assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p)
        .startsWith("unsafe-failure-wait.bpmn Task_WaitBare: "));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("needs an input deliveryId"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("needs a boundary timer"));
  }

  @Test
  void aTimerNeedsAVariableWithADefaultOrSetByTheDiagram() {
    List<String> problems = sample("timer-without-default.bpmn");

    assertThat(problems).hasSize(2);
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("timer-without-default.bpmn Timer_Constant: ").contains("'PT5M' must be one ${variable}"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("timer-without-default.bpmn Timer_NoDefault: ").contains("default.reminderDelay"));
  }

  @Test
  void theSamplesTogetherFailTheFolderLint() {
    // The same entry point as the bpmn/ test, so that test can fail too.
    assertThat(lint.lintFolder(SAMPLES)).hasSizeGreaterThanOrEqualTo(18);
  }

  private List<String> sample(String file) {
    return lint.lintDiagram(SAMPLES.resolve(file));
  }
}
