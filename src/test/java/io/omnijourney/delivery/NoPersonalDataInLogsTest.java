package io.omnijourney.delivery;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.support.JourneyTest;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Part of fault 14 of docs/reliability.md: a journey through every kind of outcome logs no phone number or email address. */
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsTest extends JourneyTest {

  @Test
  void aJourneyWithErrorsRejectionsAndReportsLogsNoContactData(CapturedOutput output) {
    sandbox("sms", Outcome.ERROR);
    ProcessInstance journey = startOrderConfirmation();
    assertThatThrownBy(() -> executeJob(journey, SEND_SMS)).hasMessageContaining("503");
    sandboxRules.replace(List.of());
    sandbox("sms", Outcome.REJECT);
    executeJob(journey, SEND_SMS);
    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
    executeJob(journey, WAIT_INVOICE);
    executeJob(journey, SEND_INVOICE);
    report(delivery(journey, "whatsapp").providerMessageId(), "read");

    assertThat(output.getAll()).contains("accepted by sandbox")
        .doesNotContain("9121234567")
        .doesNotContain(SARA_EMAIL);
  }
}
