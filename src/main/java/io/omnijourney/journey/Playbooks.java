package io.omnijourney.journey;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * The playbook catalogue. A playbook is named after its BPMN file ({@code order-confirmation}); its
 * process id is the camelCase form ({@code orderConfirmation}).
 */
@Component
public class Playbooks {

  private static final Pattern DASH_LETTER = Pattern.compile("-([a-z0-9])");
  private static final Pattern UPPER = Pattern.compile("([A-Z])");

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

  public static String processKeyOf(String playbook) {
    Matcher m = DASH_LETTER.matcher(playbook);
    StringBuilder key = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(key, m.group(1).toUpperCase());
    }
    return m.appendTail(key).toString();
  }

  public static String playbookOf(String processKey) {
    return UPPER.matcher(processKey).replaceAll(r -> "-" + r.group(1).toLowerCase());
  }
}
