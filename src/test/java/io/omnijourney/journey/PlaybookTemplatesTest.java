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

  @Test
  void manyStartsOfOneVersionReadItsModelOnce() {
    ProcessDefinition v1 = deployed("reminder:1", sending("order-confirmation"));

    for (int i = 0; i < 100; i++) {
      assertThat(playbookTemplates.problems(v1, Map.of("orderNumber", "7"))).isEmpty();
    }

    verify(repository, times(1)).getBpmnModelInstance("reminder:1");
  }

  @Test
  void aRedeployWithAnotherTemplateIsCheckedAgainstTheNewTemplate() {
    ProcessDefinition v1 = deployed("reminder:1", sending("order-confirmation"));
    ProcessDefinition v2 = deployed("reminder:2", sending("payment-reminder"));
    Map<String, Object> orderOnly = Map.of("orderNumber", "7");
    assertThat(playbookTemplates.problems(v1, orderOnly)).isEmpty();

    List<FieldError> afterRedeploy = playbookTemplates.problems(v2, orderOnly);

    assertThat(afterRedeploy).extracting(FieldError::field)
        .containsExactly("variables.amount", "variables.dueDate", "variables.invoiceNumber", "variables.paymentUrl");
    verify(repository, times(1)).getBpmnModelInstance("reminder:2");
    assertThat(playbookTemplates.cachedVersions()).as("the old version's entry is replaced, not kept").isEqualTo(1);
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
