package io.omnijourney.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.bpmn.Bpmn.Vars;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * Every user task of the shipped playbooks has a Camunda Form in {@code forms/} that Tasklist can
 * render, and the form asks for what the diagram and the code read afterwards: a decision the
 * gateway after the task compares has a field whose choices include the compared value, and every
 * field is a variable the code knows ({@link Vars}). That the engine hands the form to Tasklist is
 * shown live by {@code DeliverWithFallbackTest} and {@code OrderConfirmationJourneyTest}.
 */
class FormsTest {

  private static final Path BPMN = Path.of("bpmn");
  private static final Path FORMS = Path.of("forms");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** {@code ${decision == 'retry'}}: a variable compared with a constant. */
  private static final Pattern COMPARISON = Pattern.compile("(\\w+)\\s*==\\s*'([^']*)'");

  @Test
  void everyUserTaskHasADeployedCamundaFormThatAsksForWhatTheDiagramReads() throws IOException {
    List<UserTask> tasks = new ArrayList<>();
    for (Path file : bpmnFiles()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        tasks.add(task);
        String where = file.getFileName() + " " + task.getId();
        assertThat(task.getCamundaFormRef()).as(where + " formRef").isNotBlank();
        // "deployment": the form deployed with this diagram, so a running journey keeps its form.
        assertThat(task.getCamundaFormRefBinding()).as(where + " formRefBinding").isEqualTo("deployment");
        Path form = FORMS.resolve(task.getCamundaFormRef() + ".form");
        assertThat(form).as(where + " form file").exists();
        JsonNode schema = JSON.readTree(form.toFile());
        assertThat(schema.path("id").asText()).as(form + " id").isEqualTo(task.getCamundaFormRef());
        assertThat(schema.path("type").asText()).as(form + " type").isEqualTo("default");

        for (String[] comparison : comparisonsAfter(task)) {
          JsonNode field = fields(schema).stream().filter(f -> comparison[0].equals(f.path("key").asText()))
              .findFirst().orElse(null);
          assertThat(field).as(where + ": the form has no field " + comparison[0] + " for the gateway").isNotNull();
          if (field.has("values")) {
            assertThat(field.path("values").findValuesAsText("value")).as(where + " " + comparison[0])
                .contains(comparison[1]);
          }
        }
      }
    }
    assertThat(tasks).as("user tasks in the shipped playbooks").isNotEmpty();
  }

  @Test
  void everyFormFieldIsAVariableTheCodeKnowsAndEveryFormIsUsed() throws IOException {
    Set<String> known = new HashSet<>();
    for (Field constant : Vars.class.getFields()) {
      try {
        known.add((String) constant.get(null));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    Set<String> referenced = new HashSet<>();
    for (Path file : bpmnFiles()) {
      Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(UserTask.class)
          .forEach(task -> referenced.add(task.getCamundaFormRef()));
    }
    try (Stream<Path> forms = Files.list(FORMS)) {
      for (Path form : forms.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode schema = JSON.readTree(form.toFile());
        assertThat(referenced).as(form + " is bound by a user task").contains(schema.path("id").asText());
        for (JsonNode field : fields(schema)) {
          assertThat(known).as(form + " field " + field.path("key").asText() + " is a Bpmn.Vars name")
              .contains(field.path("key").asText());
        }
      }
    }
  }

  /** The comparisons on the flows leaving the task, directly or through the gateway that follows it. */
  private static List<String[]> comparisonsAfter(FlowNode task) {
    List<String[]> comparisons = new ArrayList<>();
    for (SequenceFlow out : task.getOutgoing()) {
      List<SequenceFlow> flows = new ArrayList<>(List.of(out));
      flows.addAll(out.getTarget().getOutgoing());
      for (SequenceFlow flow : flows) {
        ConditionExpression condition = flow.getConditionExpression();
        if (condition != null) {
          Matcher m = COMPARISON.matcher(condition.getTextContent());
          while (m.find()) {
            comparisons.add(new String[] {m.group(1), m.group(2)});
          }
        }
      }
    }
    return comparisons;
  }

  /** The input fields of a form: components with a key. */
  private static List<JsonNode> fields(JsonNode schema) {
    List<JsonNode> fields = new ArrayList<>();
    schema.path("components").forEach(c -> {
      if (c.hasNonNull("key")) {
        fields.add(c);
      }
    });
    return fields;
  }

  private static List<Path> bpmnFiles() throws IOException {
    try (Stream<Path> files = Files.list(BPMN)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    }
  }
}
