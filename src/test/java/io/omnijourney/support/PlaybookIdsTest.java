package io.omnijourney.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every id in {@link PlaybookIds} names an element of the shipped diagram it stands for, read with
 * Camunda's model API; every variable name or value in a {@code Variables} class occurs in that
 * diagram; and every shipped diagram has its class.
 */
class PlaybookIdsTest {

  private static final Path DIAGRAMS = Path.of("bpmn");

  static Stream<Class<?>> playbooks() {
    return Arrays.stream(PlaybookIds.class.getDeclaredClasses());
  }

  @ParameterizedTest
  @MethodSource("playbooks")
  void everyIdNamesAnElementOfTheDiagram(Class<?> playbook) throws IOException {
    Path file = DIAGRAMS.resolve(constant(playbook, "PLAYBOOK") + ".bpmn");
    assertThat(file).as("the diagram of %s", playbook.getSimpleName()).exists();
    BpmnModelInstance diagram = Bpmn.readModelFromFile(file.toFile());
    String xml = Files.readString(file);

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(diagram.<Process>getModelElementById(constant(playbook, "PROCESS")))
        .as("%s.PROCESS is the process of %s", playbook.getSimpleName(), file)
        .isInstanceOf(Process.class);
    for (Field id : constants(playbook)) {
      if (id.getName().equals("PLAYBOOK") || id.getName().equals("PROCESS")) {
        continue;
      }
      String value = (String) get(id);
      softly.assertThat(diagram.<FlowElement>getModelElementById(value))
          .as("%s.%s = %s is an element of %s", playbook.getSimpleName(), id.getName(), value, file)
          .isInstanceOf(FlowElement.class);
    }
    for (Class<?> nested : playbook.getDeclaredClasses()) {
      for (Field name : constants(nested)) {
        String value = (String) get(name);
        softly.assertThat(Pattern.compile("(?<![\\w-])" + Pattern.quote(value) + "(?![\\w-])").matcher(xml).find())
            .as("%s.%s.%s = %s occurs in %s", playbook.getSimpleName(), nested.getSimpleName(), name.getName(),
                value, file)
            .isTrue();
      }
    }
    softly.assertAll();
  }

  @Test
  void everyShippedDiagramHasItsIds() throws IOException {
    Set<String> withIds = playbooks().map(p -> constant(p, "PLAYBOOK")).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(DIAGRAMS)) {
      List<String> shipped = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".bpmn"))
          .map(f -> f.substring(0, f.length() - ".bpmn".length())).toList();
      assertThat(shipped).isNotEmpty();
      assertThat(withIds).containsExactlyInAnyOrderElementsOf(shipped);
    }
  }

  private static List<Field> constants(Class<?> type) {
    return Arrays.stream(type.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .toList();
  }

  private static String constant(Class<?> type, String name) {
    try {
      return (String) type.getField(name).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(type.getSimpleName() + " has no " + name, e);
    }
  }

  private static Object get(Field field) {
    try {
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
