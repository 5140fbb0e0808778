package io.omnijourney.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.support.JourneyTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * No code from a diagram: every deployment, the admin's through /engine-rest included, is checked
 * by {@link DeploymentGuard}, and expressions resolve only our delegate beans.
 */
class DeploymentGuardTest extends JourneyTest {

  /** The file the malicious samples would create if any of them ran. */
  private static final Path marker =
      Path.of(System.getProperty("java.io.tmpdir"), "omnijourney-guard-" + UUID.randomUUID() + ".marker");

  @Autowired RepositoryService repository;
  @Autowired DecisionService decisions;
  @Autowired DeploymentGuardPlugin plugin;
  private final ObjectMapper json = new ObjectMapper();

  @AfterAll
  static void removeMarker() throws IOException {
    Files.deleteIfExists(marker);
  }

  /** A refused diagram: its step (or the element named) and the words the refusal must contain. */
  static Stream<Arguments> maliciousDiagrams() {
    String touch = "touch " + marker;
    return Stream.of(
        Arguments.of("Java reflection", "Step", "getClass", process(
            "<bpmn:serviceTask id='Step' camunda:expression=\"${''.getClass().forName('java.lang.Runtime')"
                + ".getMethod('exec', ''.getClass()).invoke(null, '" + touch + "')}\" />")),
        Arguments.of("Runtime.exec through getRuntime", "Step", "getClass", process(
            "<bpmn:serviceTask id='Step' camunda:expression=\"${''.getClass().forName('java.lang.Runtime')"
                + ".getMethod('getRuntime').invoke(null).exec('" + touch + "')}\" />")),
        Arguments.of("a bean's secret", "Step", "environment.getProperty", process(
            "<bpmn:serviceTask id='Step' camunda:resultVariable='secret'"
                + " camunda:expression=\"${environment.getProperty('omnijourney.unsubscribe.secret')}\" />")),
        Arguments.of("the engine's services", "Step", "execution.getProcessEngineServices", process(
            "<bpmn:serviceTask id='Step' camunda:resultVariable='users' camunda:expression="
                + "\"${execution.getProcessEngineServices().getIdentityService().createUserQuery().list()}\" />")),
        Arguments.of("a javascript task", "Step", "script task", process(
            "<bpmn:scriptTask id='Step' scriptFormat='javascript'><bpmn:script>"
                + "java.lang.Runtime.getRuntime().exec('" + touch + "')</bpmn:script></bpmn:scriptTask>")),
        Arguments.of("a groovy task", "Step", "script task", process(
            "<bpmn:scriptTask id='Step' scriptFormat='groovy'><bpmn:script>'" + touch + "'.execute()"
                + "</bpmn:script></bpmn:scriptTask>")),
        Arguments.of("a script listener", "Step", "camunda:script", process(
            "<bpmn:task id='Step'><bpmn:extensionElements><camunda:executionListener event='start'>"
                + "<camunda:script scriptFormat='groovy'>'" + touch + "'.execute()</camunda:script>"
                + "</camunda:executionListener></bpmn:extensionElements></bpmn:task>")),
        Arguments.of("a script input parameter", "Step", "camunda:script", process(
            "<bpmn:task id='Step'><bpmn:extensionElements><camunda:inputOutput>"
                + "<camunda:inputParameter name='x'><camunda:script scriptFormat='javascript'>"
                + "java.lang.Runtime.getRuntime().exec('" + touch + "')</camunda:script></camunda:inputParameter>"
                + "</camunda:inputOutput></bpmn:extensionElements></bpmn:task>")),
        Arguments.of("a script condition", "Flow_Out", "language=\"groovy\"", process(
            "<bpmn:task id='Step' />",
            "<bpmn:conditionExpression xsi:type='bpmn:tFormalExpression' language='groovy'>"
                + "'" + touch + "'.execute() != null</bpmn:conditionExpression>")),
        Arguments.of("a Java class", "Step", "camunda:class", process(
            "<bpmn:serviceTask id='Step' camunda:class='org.example.Exec' />")),
        Arguments.of("a listener's Java class", "Step", "class", process(
            "<bpmn:task id='Step'><bpmn:extensionElements>"
                + "<camunda:executionListener event='start' class='org.example.Exec' />"
                + "</bpmn:extensionElements></bpmn:task>")),
        Arguments.of("a method call on a variable", "Step", "orderNumber.toString", process(
            "<bpmn:task id='Step'><bpmn:extensionElements>"
                + "<camunda:executionListener event='start' expression='${orderNumber.toString()}' />"
                + "</bpmn:extensionElements></bpmn:task>")),
        Arguments.of("a property of a variable in a timer", "Timer", "property access", process(
            "<bpmn:intermediateCatchEvent id='Step'><bpmn:timerEventDefinition id='Timer'>"
                + "<bpmn:timeDuration xsi:type='bpmn:tFormalExpression'>${customer.delay}</bpmn:timeDuration>"
                + "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>")),
        Arguments.of("a delegate that is not ours", "Step", "not one of our delegate beans", process(
            "<bpmn:serviceTask id='Step' camunda:delegateExpression='${environment}' />")),
        Arguments.of("a connector", "Step", "camunda:connector", process(
            "<bpmn:serviceTask id='Step'><bpmn:extensionElements><camunda:connector>"
                + "<camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>"
                + "</bpmn:extensionElements></bpmn:serviceTask>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maliciousDiagrams")
  void refusesCodeInADiagram(String what, String element, String reason, String bpmn) throws Exception {
    String key = processKey(bpmn);
    long deployments = repository.createDeploymentQuery().count();

    ResponseEntity<String> response = deploy("evil.bpmn", bpmn);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.path("type").asText()).isEqualTo("ParseException");
    assertThat(body.path("message").asText()).contains("evil.bpmn", "element " + element, reason);
    JsonNode error = body.path("details").path("evil.bpmn").path("errors").path(0);
    assertThat(error.path("mainElementId").asText()).isEqualTo(element);
    assertThat(error.path("message").asText()).contains(reason);
    assertThat(error.path("line").asInt()).isPositive();

    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key)).isInstanceOf(ProcessEngineException.class);
    assertThat(marker).doesNotExist();
  }

  @Test
  void refusesADecisionInJavascript() throws Exception {
    long deployments = repository.createDeploymentQuery().count();
    String dmn = decision("evilDecision", "<literalExpression id='Literal' expressionLanguage='javascript'>"
        + "<text>java.lang.Runtime.getRuntime().exec('touch " + marker + "')</text></literalExpression>");

    ResponseEntity<String> response = deploy("evil.dmn", dmn);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode error = json.readTree(response.getBody()).path("details").path("evil.dmn").path("errors").path(0);
    assertThat(error.path("mainElementId").asText()).isEqualTo("Literal");
    assertThat(error.path("message").asText()).contains("expressionLanguage=\"javascript\"");
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("evilDecision").count()).isZero();
    assertThat(marker).doesNotExist();
  }

  @Test
  void refusesCmmn() {
    ResponseEntity<String> response = deploy("case.cmmn", "<definitions/>");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("CMMN");
  }

  @Test
  void deploysAnOrdinaryPlaybook() throws Exception {
    String key = "guardOrdinary" + suffix();
    String bpmn = process(key,
        "<bpmn:serviceTask id='Step' camunda:delegateExpression='${sendMessage}'><bpmn:extensionElements>"
            + "<camunda:executionListener event='start' expression=\"${execution.setVariable('x', 'y')}\" />"
            + "<camunda:inputOutput><camunda:inputParameter name='channel'>sms</camunda:inputParameter>"
            + "<camunda:inputParameter name='template'>${template}</camunda:inputParameter></camunda:inputOutput>"
            + "</bpmn:extensionElements></bpmn:serviceTask>",
        "<bpmn:conditionExpression xsi:type='bpmn:tFormalExpression'>${a == 'b'}</bpmn:conditionExpression>");

    ResponseEntity<String> response = deploy("ordinary.bpmn", bpmn);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    String deploymentId = json.readTree(response.getBody()).path("id").asText();
    try {
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isOne();
    } finally {
      repository.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void deploysACopyOfAShippedPlaybook() throws Exception {
    String key = "guardCopy" + suffix();
    String copy = Files.readString(Path.of("bpmn/welcome.bpmn"))
        .replaceFirst("<bpmn:process id=\"[^\"]+\"", "<bpmn:process id=\"" + key + "\"");

    ResponseEntity<String> response = deploy("copy.bpmn", copy);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    repository.deleteDeployment(json.readTree(response.getBody()).path("id").asText(), true);
  }

  @Test
  void acceptsEveryShippedPlaybookDecisionAndForm() throws IOException {
    DeploymentGuard guard = new DeploymentGuard(plugin::delegateBeans);
    List<String> deployed = repository.createDeploymentQuery().list().stream()
        .map(Deployment::getId)
        .flatMap(id -> repository.getDeploymentResourceNames(id).stream())
        .toList();
    List<Path> shipped;
    try (Stream<Path> bpmn = Files.list(Path.of("bpmn")); Stream<Path> forms = Files.list(Path.of("forms"))) {
      // Diagrams, decision tables and forms; not the linter's npm setup beside them (bpmn/package.json, .bpmnlintrc).
      shipped = Stream.concat(bpmn, forms).filter(Files::isRegularFile)
          .filter(f -> f.toString().matches(".*\\.(bpmn|dmn|form)")).toList();
    }
    assertThat(shipped).hasSizeGreaterThanOrEqualTo(9);
    for (Path file : shipped) {
      String name = file.getFileName().toString();
      assertThat(guard.check(name, Files.readAllBytes(file))).as(name).isEmpty();
      assertThat(deployed).as("autodeployed " + name).anyMatch(resource -> resource.endsWith(name));
    }
  }

  @Test
  void expressionsResolveOnlyOurDelegateBeans() {
    assertThat(plugin.delegateBeans()).contains("sendMessage", "chooseChannel", "checkContactWindow", "updateContact");
    String key = "guardBeans" + suffix();
    // Within the vocabulary, so deployable: identifiers may name beans, and only ours resolve.
    Deployment deployment = repository.createDeployment().addString("beans.bpmn", process(key,
        "<bpmn:task id='Step'><bpmn:extensionElements>"
            + "<camunda:executionListener event='start' expression=\"${execution.setVariable('ours', sendMessage != null)}\" />"
            + "<camunda:executionListener event='end' expression=\"${execution.setVariable('theirs', environment != null)}\" />"
            + "</bpmn:extensionElements></bpmn:task>", "")).deploy();
    try {
      assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key))
          .isInstanceOf(ProcessEngineException.class)
          .hasMessageContaining("Cannot resolve identifier 'environment'");
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void feelCannotCallJava() {
    // The same expression runs Java in a FEEL engine with external functions on: it is a real attack.
    String control = "omnijourney.feel.control." + suffix();
    FeelEngineBuilder.forJava().withEnabledExternalFunctions(true).build()
        .evaluateExpression(setSystemProperty(control), Map.of());
    assertThat(System.getProperty(control)).isEqualTo("set");

    String property = "omnijourney.feel.marker." + suffix();
    String key = "feelJava" + suffix();
    Deployment deployment = repository.createDeployment().addString("feel.dmn", decision(key,
        "<literalExpression id='Literal'><text>" + setSystemProperty(property) + "</text></literalExpression>"))
        .deploy();
    try {
      try {
        decisions.evaluateDecisionByKey(key).evaluate();
      } catch (ProcessEngineException refused) {
        // Camunda's FEEL engine has external functions off: the call fails, or yields null.
      }
      assertThat(System.getProperty(property)).isNull();
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
      System.clearProperty(control);
    }
  }

  @Test
  void tasklistsDefaultFilterListsWithoutExpressions() throws Exception {
    String filters = api().getForObject("/engine-rest/filter?name=All tasks", String.class);
    String id = json.readTree(filters).path(0).path("id").asText();
    assertThat(id).isNotEmpty();

    ResponseEntity<String> tasks = api().getForEntity("/engine-rest/filter/{id}/list", String.class, id);

    assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(tasks.getBody()).isArray()).isTrue();
    assertThat(engine.getProcessEngineConfiguration()).satisfies(configuration -> {
      var impl = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) configuration;
      assertThat(impl.isEnableExpressionsInStoredQueries()).isFalse();
      assertThat(impl.isEnableExpressionsInAdhocQueries()).isFalse();
    });
  }

  private static String setSystemProperty(String property) {
    return "{ f: function(k, v) external { java: { class: \"java.lang.System\","
        + " method signature: \"setProperty(String, String)\" } },"
        + " r: f(\"" + property + "\", \"set\") }.r";
  }

  private ResponseEntity<String> deploy(String fileName, String content) {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "guard-test");
    form.add("data", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return api().postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  private static String processKey(String bpmn) {
    return bpmn.replaceFirst("(?s).*<bpmn:process id=\"([^\"]+)\".*", "$1");
  }

  private static String process(String step) {
    return process("guardEvil" + suffix(), step, "");
  }

  private static String process(String step, String outgoingCondition) {
    return process("guardEvil" + suffix(), step, outgoingCondition);
  }

  /** Start, the step, end; the flow out of the step carries the condition, if any. */
  private static String process(String key, String step, String outgoingCondition) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="Definitions_Guard" targetNamespace="http://omnijourney.io/test">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="Step" />
            %s
            <bpmn:sequenceFlow id="Flow_Out" sourceRef="Step" targetRef="End">%s</bpmn:sequenceFlow>
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, step, outgoingCondition);
  }

  private static String decision(String key, String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn"
            id="Definitions_Guard" name="Guard" namespace="http://omnijourney.io/test">
          <decision id="%s" name="Guard" camunda:historyTimeToLive="1">
            <variable id="Variable_Result" name="result" />
            %s
          </decision>
        </definitions>
        """.formatted(key, body);
  }
}
