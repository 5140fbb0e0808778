package io.omnijourney.delivery;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import io.omnijourney.support.JourneyTest;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.beans.factory.annotation.Autowired;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a failed send job is retried: a provider's "retry after" and our own rate limit move the next
 * try without holding a thread; a configuration problem is an incident at once; anything else
 * follows the diagram's retry cycle.
 */
class SendRetriesTest extends JourneyTest {

  @Autowired RepositoryService repository;

  @AfterEach
  void realSends() {
    reset(deliveries);
  }

  @Test
  void aTransientFailureWithRetryAfterIsRetriedNoEarlierAndUsesARetry() {
    ProcessInstance journey = startOrderConfirmation();
    int retries = job(journey, SEND_SMS).getRetries();
    doThrow(new SendFailure.Transient("d-1", "twilio answered 429", Duration.ofMinutes(10), false))
        .when(deliveries).send(any());

    Instant failedAt = Instant.now();
    assertThatThrownBy(() -> executeJob(journey, SEND_SMS)).hasMessageContaining("429");

    Job job = job(journey, SEND_SMS);
    assertThat(job.getDuedate().toInstant()).isAfterOrEqualTo(failedAt.plus(Duration.ofMinutes(10)).minusSeconds(1));
    assertThat(job.getRetries()).isEqualTo(retries - 1);
    assertThat(job.getExceptionMessage()).contains("429");
  }

  @Test
  void aSendHeldBackByOurRateLimitKeepsItsRetries() {
    ProcessInstance journey = startOrderConfirmation();
    int retries = job(journey, SEND_SMS).getRetries();
    doThrow(new SendFailure.Transient("d-2", "our rate limit is reached", Duration.ofSeconds(90), true))
        .when(deliveries).send(any());

    Instant failedAt = Instant.now();
    assertThatThrownBy(() -> executeJob(journey, SEND_SMS)).isInstanceOf(SendFailure.Transient.class);

    Job job = job(journey, SEND_SMS);
    assertThat(job.getDuedate().toInstant()).isAfterOrEqualTo(failedAt.plusSeconds(89));
    assertThat(job.getRetries()).isEqualTo(retries);
  }

  @Test
  void aTransientFailureWithoutAWaitFollowsTheRetryCycle() {
    ProcessInstance journey = startOrderConfirmation();
    doThrow(new SendFailure.Transient("d-3", "sandbox answered 503")).when(deliveries).send(any());

    Instant failedAt = Instant.now();
    assertThatThrownBy(() -> executeJob(journey, SEND_SMS)).isInstanceOf(SendFailure.Transient.class);

    // The diagram's cycle is R3/PT30S.
    Job job = job(journey, SEND_SMS);
    assertThat(job.getDuedate().toInstant()).isBetween(failedAt.plusSeconds(29), failedAt.plusSeconds(40));
  }

  @Test
  void aConfigurationProblemIsAnIncidentAtOnceThatNamesTheProvider() {
    ProcessInstance journey = startOrderConfirmation();
    doThrow(new SendFailure.Misconfigured("d-4", "Configuration problem: kavenegar answered 418: no credit"))
        .when(deliveries).send(any());

    assertThatThrownBy(() -> executeJob(journey, SEND_SMS)).isInstanceOf(SendFailure.Misconfigured.class);

    assertThat(job(journey, SEND_SMS).getRetries()).isZero();
    Incident incident = runtime.createIncidentQuery().processInstanceId(journey.getId()).singleResult();
    assertThat(incident.getIncidentMessage()).contains("kavenegar").contains("418");
    assertThat(incident.getActivityId()).isEqualTo(SEND_SMS);
    runtime.deleteProcessInstance(journey.getId(), "test over");
  }

  @Test
  void theRetryCycleTheSendMessageTemplateWritesIsTheTasksRetryCycle() {
    Deployment deployment = deploy(probe("R5/PT2M", null));
    try {
      ProcessInstance probe = runtime.startProcessInstanceByKey("retryCycleProbe",
          vars("customerId", "cust-" + UUID.randomUUID()));
      doThrow(new SendFailure.Transient("d-5", "sandbox answered 503")).when(deliveries).send(any());

      Instant failedAt = Instant.now();
      assertThatThrownBy(() -> executeJob(probe, "Task_Send")).isInstanceOf(SendFailure.Transient.class);

      Job job = job(probe, "Task_Send");
      assertThat(job.getRetries()).isEqualTo(4);
      assertThat(job.getDuedate().toInstant()).isBetween(failedAt.plusSeconds(119), failedAt.plusSeconds(130));
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void aRetryCycleElementWinsOverThePropertyAndAMalformedPropertyFailsTheDeployment() {
    Deployment deployment = deploy(probe("R5/PT2M", "R1/PT1S"));
    try {
      ProcessInstance probe = runtime.startProcessInstanceByKey("retryCycleProbe",
          vars("customerId", "cust-" + UUID.randomUUID()));
      doThrow(new SendFailure.Transient("d-6", "sandbox answered 503")).when(deliveries).send(any());
      assertThatThrownBy(() -> executeJob(probe, "Task_Send")).isInstanceOf(SendFailure.Transient.class);
      assertThat(job(probe, "Task_Send").getRetries()).isZero();
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }

    assertThatThrownBy(() -> deploy(probe("three times", null)))
        .hasStackTraceContaining("Task_Send").hasStackTraceContaining("retryTimeCycle 'three times'");
  }

  private Deployment deploy(String bpmn) {
    return repository.createDeployment().name("retry-cycle-probe").addString("retry-cycle-probe.bpmn", bpmn).deploy();
  }

  /** A send task as the "Send message" template writes it, with an optional retry cycle element as well. */
  private static String probe(String property, String element) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://omnijourney.io/test">
          <bpmn:process id="retryCycleProbe" isExecutable="true" camunda:historyTimeToLive="1">
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Task_Send" camunda:asyncBefore="true" camunda:delegateExpression="${sendMessage}">
              <bpmn:extensionElements>
                %s
                <camunda:properties><camunda:property name="retryTimeCycle" value="%s" /></camunda:properties>
                <camunda:inputOutput>
                  <camunda:inputParameter name="channel">sms</camunda:inputParameter>
                  <camunda:inputParameter name="template">order-confirmation</camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Send" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Send" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(element == null ? ""
            : "<camunda:failedJobRetryTimeCycle>" + element + "</camunda:failedJobRetryTimeCycle>", property);
  }
}
