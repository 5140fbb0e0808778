package io.omnijourney.playbooks;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.OrderConfirmation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A changed playbook deployed again is version N+1; running journeys stay on version N until an
 * operator migrates them with Camunda's migration API through {@code /engine-rest} (the recipe in
 * docs/analysts.md), after which they go on from where they waited, on the new diagram.
 */
class PlaybookVersioningTest extends JourneyTest {

  @Autowired RepositoryService repository;

  @Test
  void aChangedPlaybookIsANewVersionRunningJourneysStayAndTheMigrationRecipeMovesThem() throws Exception {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance running = startOrderConfirmation();
    executeJob(running, SEND_SMS);
    assertThat(running).isWaitingAt(WAIT_SMS);
    ProcessDefinition before = latest();
    String bpmn = new String(new ClassPathResource("order-confirmation.bpmn").getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    String changed = bpmn.replace("name=\"Wait for SMS delivery\"", "name=\"Wait for the SMS to arrive\"");
    assertThat(changed).isNotEqualTo(bpmn);

    // What a restart does with bpmn/: the same content again is no new version, a change is one.
    List<Deployment> deployments = new ArrayList<>(List.of(deploy(bpmn)));
    int base = latest().getVersion();
    deployments.add(deploy(bpmn));
    assertThat(latest().getVersion()).isEqualTo(base);
    deployments.add(deploy(changed));
    try {
      ProcessDefinition after = latest();
      assertThat(after.getVersion()).isEqualTo(base + 1).isGreaterThan(before.getVersion());
      assertThat(definitionOf(running)).isEqualTo(before.getId());
      JsonNode playbooks = api().getForObject("/api/playbooks", JsonNode.class);
      assertThat(playbooks.findValues("version").stream().map(JsonNode::asInt).toList())
          .contains(after.getVersion());
      ProcessInstance fresh = startOrderConfirmation();
      assertThat(definitionOf(fresh)).isEqualTo(after.getId());

      // The recipe: generate a plan from version N to N+1, then execute it for the journeys to move.
      ResponseEntity<JsonNode> plan = api().postForEntity("/engine-rest/migration/generate",
          Map.of("sourceProcessDefinitionId", before.getId(), "targetProcessDefinitionId", after.getId(),
              "updateEventTriggers", true), JsonNode.class);
      assertThat(plan.getStatusCode()).as("%s", plan.getBody()).isEqualTo(HttpStatus.OK);
      ResponseEntity<String> executed = api().postForEntity("/engine-rest/migration/execute",
          Map.of("migrationPlan", plan.getBody(), "processInstanceIds", List.of(running.getId())), String.class);
      assertThat(executed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

      assertThat(definitionOf(running)).isEqualTo(after.getId());
      assertThat(running).isWaitingAt(WAIT_SMS);
      // It goes on where it waited: the SMS report still finds its wait.
      report(delivery(running, "sms").providerMessageId(), "delivered");
      eventually(() -> assertThat(running).isWaitingAt(WAIT_INVOICE));
    } finally {
      deployments.forEach(d -> repository.deleteDeployment(d.getId(), true));
    }
  }

  private Deployment deploy(String bpmn) {
    return repository.createDeployment().name("omnijourney-playbooks").enableDuplicateFiltering(true)
        .addString("order-confirmation.bpmn", bpmn).deployWithResult();
  }

  private ProcessDefinition latest() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(OrderConfirmation.PROCESS)
        .latestVersion().singleResult();
  }

  private String definitionOf(ProcessInstance journey) {
    return runtime.createProcessInstanceQuery().processInstanceId(journey.getId()).singleResult()
        .getProcessDefinitionId();
  }
}
