package io.omnijourney.journey;

import io.omnijourney.bpmn.Bpmn.Properties;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.template.MessageTemplates;
import io.omnijourney.web.InvalidRequest.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Checks, before a journey starts, that every message its playbook sends can be rendered from the
 * start's variables, so that a missing variable or template is a 400 at the start and never a
 * message with a hole in it, or an incident, later.
 *
 * <p>A playbook's messages are the {@code template} inputs of its tasks. A constant names the
 * template; an expression (as in "Deliver with fallback", {@code ${template}}) means the template
 * named by the start's {@code template} variable. Call activities pass {@code template} the same
 * way, as a constant {@code sourceExpression} or from a variable.
 */
@Component
class PlaybookTemplates {

  /**
   * The templates a process definition's sends name, whether one comes from the {@code template}
   * variable, and the variables the diagram gives defaults for.
   */
  private record Uses(Set<String> named, boolean fromVariable, Set<String> defaults) {}

  /** What one deployed version of a playbook uses: a version never changes once deployed. */
  private record Version(String definitionId, Uses uses) {}

  private final RepositoryService repository;
  private final MessageTemplates templates;
  /**
   * By process key, the latest version seen: its model is read once, not on every start (walking
   * the model was a measurable part of each start's CPU). A redeploy brings a new definition id,
   * which replaces the entry, so the cache holds one version per playbook and needs no message
   * between the nodes of a cluster: each finds the new version in the database by itself.
   */
  private final Map<String, Version> cache = new ConcurrentHashMap<>();

  PlaybookTemplates(RepositoryService repository, MessageTemplates templates) {
    this.repository = repository;
    this.templates = templates;
  }

  /**
   * The fields of a start that leave a message of the playbook unrenderable. {@code customer} is
   * the profile's data for templates, asked only when a template uses it ({@code customer.name}).
   */
  List<FieldError> problems(ProcessDefinition definition, Map<String, ?> variables,
      Supplier<Map<String, Object>> customer) {
    Uses uses = cache.compute(definition.getKey(), (key, cached) ->
        cached != null && cached.definitionId().equals(definition.getId()) ? cached
            : new Version(definition.getId(), uses(repository.getBpmnModelInstance(definition.getId())))).uses();
    SortedSet<String> ids = new TreeSet<>(uses.named());
    List<FieldError> problems = new ArrayList<>();
    String field = "variables." + Vars.TEMPLATE;
    if (uses.fromVariable()) {
      Object template = variables.get(Vars.TEMPLATE);
      if (template == null || template.toString().isBlank()) {
        problems.add(new FieldError(field, "is needed: the playbook sends the message template it names"));
      } else if (templates.variablesOf(template.toString()).isEmpty()) {
        problems.add(new FieldError(field, "names no template; GET /api/templates lists them"));
      } else {
        ids.add(template.toString());
      }
    }
    // Each missing variable once, with the first template that needs it.
    SortedMap<String, String> missing = new TreeMap<>();
    for (String id : ids) {
      templates.variablesOf(id).ifPresent(needed -> needed.stream()
          .filter(name -> !variables.containsKey(name) && !uses.defaults().contains(name))
          .forEach(name -> missing.putIfAbsent(name, id)));
    }
    String profile = MessageTemplates.CUSTOMER + ".";
    if (missing.keySet().stream().anyMatch(name -> name.startsWith(profile))) {
      Map<String, Object> model = Map.of(MessageTemplates.CUSTOMER, customer.get());
      missing.keySet().removeIf(name -> name.startsWith(profile) && MessageTemplates.provides(model, name));
    }
    missing.forEach((name, id) -> problems.add(name.startsWith(profile)
        ? new FieldError(name, "is needed by the message template " + id + " and the customer's profile has none")
        : new FieldError("variables." + name, "is needed by the message template " + id)));
    return problems;
  }

  /** How many playbook versions are cached: one per playbook at most. */
  int cachedVersions() {
    return cache.size();
  }

  private static Uses uses(BpmnModelInstance model) {
    Set<String> named = new TreeSet<>();
    boolean fromVariable = false;
    for (CamundaInputParameter input : model.getModelElementsByType(CamundaInputParameter.class)) {
      if (Vars.TEMPLATE.equals(input.getCamundaName())) {
        String value = input.getTextContent() == null ? "" : input.getTextContent().strip();
        if (value.contains("${") || value.contains("#{")) {
          fromVariable = true;
        } else if (!value.isEmpty()) {
          named.add(value);
        }
      }
    }
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      if (call.getExtensionElements() == null) {
        continue;
      }
      for (CamundaIn in : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()) {
        if (Vars.TEMPLATE.equals(in.getCamundaTarget())) {
          String expression = in.getCamundaSourceExpression();
          if (expression == null || expression.contains("${") || expression.contains("#{")) {
            fromVariable = true;
          } else {
            named.add(expression.strip());
          }
        }
      }
    }
    Set<String> defaults = new TreeSet<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.getExtensionElements() != null) {
        process.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
            .forEach(group -> group.getCamundaProperties().stream()
                .map(CamundaProperty::getCamundaName)
                .filter(name -> name != null && name.startsWith(Properties.DEFAULT_PREFIX))
                .forEach(name -> defaults.add(name.substring(Properties.DEFAULT_PREFIX.length()))));
      }
    }
    return new Uses(Set.copyOf(named), fromVariable, Set.copyOf(defaults));
  }
}
