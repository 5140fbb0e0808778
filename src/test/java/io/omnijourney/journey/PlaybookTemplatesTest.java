package io.omnijourney.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.omnijourney.template.MessageTemplates;
import io.omnijourney.web.InvalidRequest.FieldError;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * A playbook's model is read once per deployed version, not on every start; a redeploy that
 * changes which template a send uses is what the next start is checked against.
 */
class PlaybookTemplatesTest {

  private static final MessageTemplates TEMPLATES = new MessageTemplates();

  private final RepositoryService repository = mock(RepositoryService.class);
  private final PlaybookTemplates playbookTemplates = new PlaybookTemplates(repository, TEMPLATES);

  /** The customer's profile is read only for templates that use it; these do not. */
  private static final Supplier<Map<String, Object>> NO_PROFILE = () -> {
    throw new AssertionError("the profile was read for a template that does not use it");
  };

  @Test
  void manyStartsOfOneVersionReadItsModelOnce() {
    ProcessDefinition v1 = deployed("reminder:1", sending("order-confirmation"));

    for (int i = 0; i < 100; i++) {
      assertThat(playbookTemplates.problems(v1, Map.of("orderNumber", "7"), NO_PROFILE)).isEmpty();
    }

    verify(repository, times(1)).getBpmnModelInstance("reminder:1");
  }

  @Test
  void aRedeployWithAnotherTemplateIsCheckedAgainstTheNewTemplate() {
    ProcessDefinition v1 = deployed("reminder:1", sending("order-confirmation"));
    ProcessDefinition v2 = deployed("reminder:2", sending("payment-reminder"));
    Map<String, Object> orderOnly = Map.of("orderNumber", "7");
    assertThat(playbookTemplates.problems(v1, orderOnly, NO_PROFILE)).isEmpty();

    List<FieldError> afterRedeploy = playbookTemplates.problems(v2, orderOnly, NO_PROFILE);

    assertThat(afterRedeploy).extracting(FieldError::field)
        .containsExactly("variables.amount", "variables.dueDate", "variables.invoiceNumber", "variables.paymentUrl");
    verify(repository, times(1)).getBpmnModelInstance("reminder:2");
    assertThat(playbookTemplates.cachedVersions()).as("the old version's entry is replaced, not kept").isEqualTo(1);
  }

  @Test
  void aTemplateReadingTheProfileIsCheckedAgainstTheProfileNotTheVariables() {
    ProcessDefinition greeting = deployed("greeting:1", sending("greeting-test"));
    Map<String, Object> variables = Map.of("customer", Map.of("name", "Sara"));

    List<FieldError> nameOnly = playbookTemplates.problems(greeting, variables, () -> Map.of("name", "Sara"));
    List<FieldError> complete = playbookTemplates.problems(greeting, Map.of(),
        () -> Map.of("name", "Sara", "attributes", Map.of("plan", "gold")));

    assertThat(nameOnly).extracting(FieldError::field).containsExactly("customer.attributes.plan");
    assertThat(complete).isEmpty();
  }

  private ProcessDefinition deployed(String id, BpmnModelInstance model) {
    ProcessDefinition definition = mock(ProcessDefinition.class);
    when(definition.getId()).thenReturn(id);
    when(definition.getKey()).thenReturn(id.substring(0, id.indexOf(':')));
    when(repository.getBpmnModelInstance(id)).thenReturn(model);
    return definition;
  }

  private static BpmnModelInstance sending(String template) {
    return Bpmn.createExecutableProcess("reminder")
        .startEvent()
        .serviceTask("send").camundaDelegateExpression("${sendMessage}").camundaInputParameter("template", template)
        .endEvent()
        .done();
  }
}
