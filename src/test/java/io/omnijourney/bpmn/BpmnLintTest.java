package io.omnijourney.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bpmn.io's linter, as CI runs it (`npm run --prefix bpmn lint`, rules in bpmn/.bpmnlintrc): the
 * shipped diagrams pass, and a diagram with an error fails the run. It needs `npm ci --prefix bpmn`,
 * which `.ci/run` does first; without it the test says so and is skipped.
 */
class BpmnLintTest {

  private static final Path BPMN = Path.of("bpmn");
  private static final Path LINTER = BPMN.resolve("node_modules/.bin/bpmnlint");

  @BeforeEach
  void linterInstalled() {
    assumeTrue(Files.isExecutable(LINTER), "bpmnlint is not installed: run npm ci --prefix bpmn");
  }

  @Test
  void theShippedDiagramsHaveNoError() throws Exception {
    List<String> diagrams = new ArrayList<>();
    try (Stream<Path> files = Files.list(BPMN)) {
      files.filter(f -> f.toString().endsWith(".bpmn")).forEach(f -> diagrams.add(f.toAbsolutePath().toString()));
    }

    Result result = lint(diagrams);

    assertThat(diagrams).hasSizeGreaterThanOrEqualTo(7);
    assertThat(result.exit()).as(result.output()).isZero();
  }

  @Test
  void anUnnamedStartEventFailsTheRun(@TempDir Path dir) throws Exception {
    String welcome = Files.readString(BPMN.resolve("welcome.bpmn"));
    String unnamed = welcome.replace(
        "<bpmn:startEvent id=\"StartEvent_SignedUp\" name=\"Customer signed up\">",
        "<bpmn:startEvent id=\"StartEvent_SignedUp\">");
    assertThat(unnamed).isNotEqualTo(welcome);
    Path broken = Files.writeString(dir.resolve("welcome.bpmn"), unnamed);

    Result result = lint(List.of(broken.toString()));

    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).contains("StartEvent_SignedUp").contains("label-required");
  }

  private record Result(int exit, String output) {}

  /** Runs the linter from bpmn/, where it finds .bpmnlintrc and its plugin. */
  private static Result lint(List<String> diagrams) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LINTER.toAbsolutePath().toString()));
    command.addAll(diagrams);
    Process process = new ProcessBuilder(command).directory(BPMN.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
