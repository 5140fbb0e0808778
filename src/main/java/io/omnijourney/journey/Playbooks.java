package io.omnijourney.journey;

import static io.omnijourney.bpmn.PlaybookNames.playbookOf;
import static io.omnijourney.bpmn.PlaybookNames.processKeyOf;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * The playbook catalogue: the deployed playbooks, named as {@link io.omnijourney.bpmn.PlaybookNames} says.
 */
@Component
public class Playbooks {

  /** One deployed playbook, at its latest version. */
  @Schema(requiredProperties = {"key", "processKey", "version"})
  public record Playbook(String key, String processKey, String name, int version) {}

  private final RepositoryService repository;

  public Playbooks(RepositoryService repository) {
    this.repository = repository;
  }

  public List<Playbook> list() {
    return repository.createProcessDefinitionQuery().latestVersion().list().stream()
        .map(d -> new Playbook(playbookOf(d.getKey()), d.getKey(), d.getName(), d.getVersion()))
        .sorted(Comparator.comparing(Playbook::key))
        .toList();
  }

  public Optional<ProcessDefinition> latest(String playbook) {
    return Optional.ofNullable(repository.createProcessDefinitionQuery()
        .processDefinitionKey(processKeyOf(playbook))
        .latestVersion()
        .singleResult());
  }
}
