package io.omnijourney.kpi;

import io.omnijourney.bpmn.Bpmn.Events;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.springframework.stereotype.Component;

/**
 * Where the playbooks catch a goal event ({@link Events#goals()}): the activities whose completion in
 * the engine's history means a journey converted. A deployed version never changes, so what is
 * read from its model is kept per process definition id; the figures themselves are always queried.
 */
@Component
class Goals {

  /** An activity of a process (by its key) that catches a goal event. */
  record GoalActivity(String processKey, String activityId) {}

  private final RepositoryService repository;
  private final Map<String, Set<GoalActivity>> byDefinition = new ConcurrentHashMap<>();

  Goals(RepositoryService repository) {
    this.repository = repository;
  }

  Set<GoalActivity> activities() {
    Set<GoalActivity> all = new HashSet<>();
    List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().list();
    for (ProcessDefinition definition : definitions) {
      all.addAll(byDefinition.computeIfAbsent(definition.getId(), id -> read(definition)));
    }
    return all;
  }

  private Set<GoalActivity> read(ProcessDefinition definition) {
    var model = repository.getBpmnModelInstance(definition.getId());
    Set<GoalActivity> found = new HashSet<>();
    for (MessageEventDefinition event : model.getModelElementsByType(MessageEventDefinition.class)) {
      if (isGoal(event.getMessage())) {
        found.add(new GoalActivity(definition.getKey(), ((org.camunda.bpm.model.bpmn.instance.BaseElement)
            event.getParentElement()).getId()));
      }
    }
    for (ReceiveTask task : model.getModelElementsByType(ReceiveTask.class)) {
      if (isGoal(task.getMessage())) {
        found.add(new GoalActivity(definition.getKey(), task.getId()));
      }
    }
    return Set.copyOf(found);
  }

  private static boolean isGoal(Message message) {
    return message != null && Events.goals().contains(message.getName());
  }
}
