package io.omnijourney.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.bpmn.Bpmn.Messages;
import io.omnijourney.bpmn.Bpmn.Properties;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.Channel;
import io.omnijourney.delivery.RetryCycle;
import io.omnijourney.policy.MessageCategory;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import io.omnijourney.support.PlaybookIds.OrderConfirmation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The element templates analysts pick in Camunda Modeler ({@code bpmn/.camunda/element-templates/}):
 * each is a valid Camunda 7 template, and what it writes into a diagram is what the engine and our
 * code expect: the delegate bean, the channel ids, the called process, the variable and message names.
 * No JSON-schema validator is on the classpath, so {@link #problemsOf} checks the rules of the C7
 * schema (https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json) we rely on.
 */
class ElementTemplatesTest {

  /** Surefire runs in the module root. */
  private static final Path FOLDER = Path.of("bpmn", ".camunda", "element-templates");
  private static final Path BPMN = Path.of("bpmn");
  private static final Path MAIN_JAVA = Path.of("src", "main", "java");
  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  private static final String SEND_MESSAGE = "io.omnijourney.SendMessage";
  private static final String WAIT_FOR_DELIVERY = "io.omnijourney.WaitForDelivery";
  private static final String DELIVER_WITH_FALLBACK = "io.omnijourney.DeliverWithFallback";
  private static final String WAIT_FOR_BUSINESS_EVENT = "io.omnijourney.WaitForBusinessEvent";
  private static final String SPLIT_VARIANTS = "io.omnijourney.SplitVariants";

  /** The control types each binding type accepts, as in the C7 schema's properties.json. */
  private static final Map<String, Set<String>> TYPES_BY_BINDING = Map.of(
      "property", Set.of("String", "Text", "Hidden", "Dropdown", "Boolean"),
      "camunda:property", Set.of("String", "Hidden", "Dropdown"),
      "camunda:inputParameter", Set.of("String", "Text", "Hidden", "Dropdown"),
      "camunda:outputParameter", Set.of("String", "Hidden", "Dropdown"),
      "camunda:in", Set.of("String", "Hidden", "Dropdown"),
      "camunda:in:businessKey", Set.of("String", "Hidden", "Dropdown"),
      "camunda:out", Set.of("String", "Hidden", "Dropdown"),
      "camunda:executionListener", Set.of("Hidden"),
      "camunda:field", Set.of("String", "Text", "Hidden", "Dropdown"),
      "camunda:errorEventDefinition", Set.of("String", "Hidden", "Dropdown"));

  private static final ObjectMapper JSON = new ObjectMapper();

  // ---- the shipped templates are valid ----

  @Test
  void everyTemplateFileParsesAndFollowsTheSchema() {
    List<Path> files = templateFiles();
    assertThat(files).as("template files in " + FOLDER).isNotEmpty();
    for (Path file : files) {
      for (JsonNode template : templatesIn(file)) {
        assertThat(problemsOf(template)).as(file + " " + template.path("id").asText()).isEmpty();
      }
    }
  }

  /** Camunda's own JSON schema of Camunda 7 element templates (see src/test/resources/element-templates). */
  @Test
  void everyTemplateFileIsValidAgainstCamundasElementTemplatesSchema() throws IOException {
    JsonSchema schema = camundaSchema();
    for (Path file : templateFiles()) {
      assertThat(schema.validate(JSON.readTree(file.toFile()))).as(file.toString()).isEmpty();
    }
  }

  @Test
  void camundasSchemaRefusesABrokenTemplate() throws IOException {
    JsonNode broken = JSON.readTree("""
        [{"name": "Broken", "id": "broken", "appliesTo": ["bpmn:ServiceTask"], "properties": [
          {"type": "String", "binding": {"type": "camunda:failedJobRetryTimeCycle"}}]}]""");
    assertThat(camundaSchema().validate(broken)).isNotEmpty();
  }

  private static JsonSchema camundaSchema() throws IOException {
    try (var in = ElementTemplatesTest.class.getResourceAsStream(
        "/element-templates/camunda-7-element-templates-schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  @Test
  void theFiveTemplatesAreThereOnceEachAtVersionOne() {
    List<String> ids = allTemplates().stream().map(t -> t.path("id").asText()).toList();
    assertThat(ids).doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(SEND_MESSAGE, WAIT_FOR_DELIVERY, DELIVER_WITH_FALLBACK, WAIT_FOR_BUSINESS_EVENT,
            SPLIT_VARIANTS);
    assertThat(allTemplates()).allSatisfy(t -> assertThat(t.path("version").asInt()).isEqualTo(1));
  }

  // ---- the schema checks catch broken templates ----

  @Test
  void aTemplateWithoutIdOrPropertiesIsReported() throws IOException {
    JsonNode broken = JSON.readTree("""
        {"name": "Broken", "appliesTo": ["ServiceTask"]}""");
    assertThat(problemsOf(broken))
        .contains("missing id", "missing properties", "appliesTo 'ServiceTask' is not namespaced like bpmn:Task");
  }

  @Test
  void bindingsMissingWhatTheirTypeRequiresAreReported() throws IOException {
    JsonNode broken = JSON.readTree("""
        {"name": "Broken", "id": "broken", "appliesTo": ["bpmn:ServiceTask"], "properties": [
          {"type": "String", "binding": {"type": "camunda:inputParameter"}},
          {"type": "String", "binding": {"type": "camunda:outputParameter"}},
          {"type": "String", "binding": {"type": "camunda:in"}},
          {"type": "Text", "binding": {"type": "camunda:in", "target": "x"}},
          {"type": "String", "binding": {"type": "camunda:out", "source": "a", "sourceExpression": "${a}"}},
          {"type": "String", "binding": {"type": "camunda:failedJobRetryTimeCycle"}},
          {"type": "String"}
        ]}""");
    assertThat(problemsOf(broken)).containsExactlyInAnyOrder(
        "property 0: camunda:inputParameter needs name",
        "property 1: camunda:outputParameter needs source",
        "property 2: camunda:in needs target or variables",
        "property 3: camunda:in cannot be shown as Text",
        "property 4: camunda:out needs exactly one of source, sourceExpression, variables",
        "property 5: unknown binding type camunda:failedJobRetryTimeCycle",
        "property 6: missing binding");
  }

  @Test
  void aDropdownNeedsChoicesAndADefaultAmongThem() throws IOException {
    JsonNode broken = JSON.readTree("""
        {"name": "Broken", "id": "broken", "appliesTo": ["bpmn:ServiceTask"], "properties": [
          {"type": "Dropdown", "value": "a", "binding": {"type": "camunda:inputParameter", "name": "x"}},
          {"type": "Dropdown", "value": "fax", "choices": [{"name": "SMS", "value": "sms"}, {"value": "email"}],
           "binding": {"type": "camunda:inputParameter", "name": "y"}}
        ]}""");
    assertThat(problemsOf(broken)).containsExactlyInAnyOrder(
        "property 0: Dropdown without choices",
        "property 1: choice 1 needs name and value",
        "property 1: default 'fax' is not one of the choices [sms, email]");
  }

  // ---- what the templates bind matches the code ----

  @Test
  void sendMessageUsesTheSendMessageBeanAndRunsAsyncLikeTheSendTasksInTheDiagrams() throws Exception {
    JsonNode send = template(SEND_MESSAGE);
    String delegate = valueOf(send, "property", "camunda:delegateExpression");
    assertThat(delegate).isEqualTo("${sendMessage}");
    assertThat(springBeanNames()).contains(beanOf(delegate));
    assertThat(valueOf(send, "property", "camunda:asyncBefore")).isEqualTo("true");

    Element sendSms = elementById(BPMN.resolve("order-confirmation.bpmn"), OrderConfirmation.SEND_SMS);
    assertThat(sendSms.getAttributeNS(CAMUNDA_NS, "delegateExpression")).isEqualTo(delegate);
    assertThat(sendSms.getAttributeNS(CAMUNDA_NS, "asyncBefore")).isEqualTo("true");
  }

  @Test
  void everyDelegateExpressionInTheTemplatesIsASpringBean() {
    Set<String> beans = springBeanNames();
    List<String> delegates = allTemplates().stream()
        .flatMap(t -> propertiesOf(t).stream())
        .filter(p -> "camunda:delegateExpression".equals(p.path("binding").path("name").asText()))
        .map(p -> beanOf(p.path("value").asText()))
        .toList();
    assertThat(delegates).isNotEmpty();
    assertThat(beans).containsAll(delegates);
  }

  @Test
  void sendMessageOffersExactlyTheChannelsTheCodeKnows() {
    JsonNode channel = property(template(SEND_MESSAGE), "camunda:inputParameter", Vars.CHANNEL);
    assertThat(choiceValues(channel))
        .containsExactly(Arrays.stream(Channel.values()).map(Channel::id).toArray(String[]::new));
  }

  @Test
  void categoriesAreTheCodesMessageCategories() {
    String[] categories = Arrays.stream(MessageCategory.values()).map(MessageCategory::id).toArray(String[]::new);
    assertThat(choiceValues(property(template(SEND_MESSAGE), "camunda:inputParameter", Vars.CATEGORY)))
        .containsExactly(categories);
    assertThat(choiceValues(property(template(DELIVER_WITH_FALLBACK), "camunda:in", Vars.CATEGORY)))
        .containsExactly(categories);
  }

  @Test
  void sendMessageRetriesAreThePropertyTheEngineReadsAndItsPatternAgreesWithTheCode() {
    JsonNode retries = property(template(SEND_MESSAGE), "camunda:property", Properties.RETRY_TIME_CYCLE);
    assertThat(RetryCycle.isValid(retries.path("value").asText())).isTrue();
    Pattern modeler = Pattern.compile(retries.path("constraints").path("pattern").path("value").asText());
    for (String cycle : List.of("R3/PT30S", "R5/PT2M", "PT1M,PT5M,PT30M", "PT10S, PT1M")) {
      assertThat(modeler.matcher(cycle).matches()).as(cycle).isTrue();
      assertThat(RetryCycle.isValid(cycle)).as(cycle).isTrue();
    }
    for (String notACycle : List.of("three times", "3", "R3", "30s")) {
      assertThat(modeler.matcher(notACycle).matches()).as(notACycle).isFalse();
      assertThat(RetryCycle.isValid(notACycle)).as(notACycle).isFalse();
    }
  }

  @Test
  void sendMessageInputsAndOutputAreTheDelegatesVariables() {
    JsonNode send = template(SEND_MESSAGE);
    assertThat(property(send, "camunda:inputParameter", Vars.TEMPLATE).path("constraints").path("notEmpty").asBoolean())
        .isTrue();
    JsonNode output = propertiesOf(send).stream()
        .filter(p -> "camunda:outputParameter".equals(p.path("binding").path("type").asText()))
        .findFirst().orElseThrow();
    assertThat(output.path("binding").path("source").asText()).isEqualTo("${" + Vars.DELIVERY_ID + "}");
    assertThat(output.path("value").asText()).isEqualTo(Vars.DELIVERY_ID);
  }

  @Test
  void waitForDeliveryHasTheInputTheDeliveryWaitPluginLooksForAndNamesTheMessage() throws Exception {
    JsonNode wait = template(WAIT_FOR_DELIVERY);
    JsonNode deliveryId = property(wait, "camunda:inputParameter", Vars.DELIVERY_ID);
    assertThat(deliveryId.path("value").asText()).isEqualTo("${" + Vars.DELIVERY_ID + "}");
    assertThat(deliveryId.path("constraints").path("notEmpty").asBoolean()).isTrue();
    // A template cannot set messageRef; the analyst picks it, so the Message group must stay visible.
    assertThat(wait.path("entriesVisible").asBoolean()).isTrue();
    assertThat(wait.path("description").asText()).contains(Messages.DELIVERY_CONFIRMED, Messages.DELIVERY_READ);
    assertThat(messageNamesIn(BPMN.resolve("order-confirmation.bpmn"))).contains(Messages.DELIVERY_CONFIRMED);
    assertThat(messageNamesIn(BPMN.resolve("payment-reminder.bpmn"))).contains(Messages.DELIVERY_READ);
  }

  @Test
  void deliverWithFallbackCallsADeployedProcessWithTheVariablesItReads() throws Exception {
    JsonNode call = template(DELIVER_WITH_FALLBACK);
    String called = valueOf(call, "property", "calledElement");
    assertThat(called).isEqualTo(DeliverWithFallback.PROCESS);
    Path calledFile = processFiles().get(called);
    assertThat(calledFile).as("a bpmn/ file with process id " + called).isNotNull();
    assertThat(valueOf(call, "property", "camunda:calledElementBinding")).isEqualTo("latest");

    List<JsonNode> ins = propertiesOf(call).stream()
        .filter(p -> "camunda:in".equals(p.path("binding").path("type").asText()))
        .toList();
    assertThat(ins).anySatisfy(p -> {
      assertThat(p.path("binding").path("variables").asText()).isEqualTo("all");
      assertThat(p.path("type").asText()).isEqualTo("Hidden");
    });
    List<String> targets = ins.stream().map(p -> p.path("binding").path("target").asText()).filter(t -> !t.isEmpty()).toList();
    assertThat(targets).containsExactlyInAnyOrder(Vars.TEMPLATE, Vars.CATEGORY, Vars.SEND_AT, "deliveryTimeout");
    String calledXml = Files.readString(calledFile);
    for (String target : targets) {
      assertThat(calledXml).as("the called diagram reads " + target).containsPattern("\\$\\{" + target + "\\b|\\b" + target + " ==|default\\." + target + "\"");
    }
    assertThat(property(call, "camunda:in", "deliveryTimeout").path("value").asText()).isEqualTo("PT5M");
    assertThat(property(call, "camunda:in", Vars.TEMPLATE).path("constraints").path("notEmpty").asBoolean()).isTrue();

    JsonNode out = propertiesOf(call).stream()
        .filter(p -> "camunda:out".equals(p.path("binding").path("type").asText()))
        .findFirst().orElseThrow();
    assertThat(out.path("binding").path("source").asText()).isEqualTo(Vars.DELIVERED_CHANNEL);
    assertThat(out.path("value").asText()).isEqualTo(Vars.DELIVERED_CHANNEL);
    assertThat(calledXml).contains("execution.setVariable(&#39;" + Vars.DELIVERED_CHANNEL + "&#39;");
  }

  @Test
  void sendAtOffersThePlaybooksTimeAndTheBestHourOnBothSendSteps() {
    String[] times = {Vars.PLAYBOOK_TIME, Vars.BEST_HOUR};
    JsonNode direct = property(template(SEND_MESSAGE), "camunda:inputParameter", Vars.SEND_AT);
    JsonNode called = property(template(DELIVER_WITH_FALLBACK), "camunda:in", Vars.SEND_AT);
    assertThat(choiceValues(direct)).containsExactly(times);
    assertThat(choiceValues(called)).containsExactly(times);
    assertThat(direct.path("value").asText()).isEqualTo(Vars.PLAYBOOK_TIME);
    assertThat(called.path("value").asText()).isEqualTo(Vars.PLAYBOOK_TIME);
  }

  @Test
  void splitAbUsesTheSplitBeanAndItsWeightsPatternAcceptsWhatTheDelegateReads() {
    JsonNode split = template(SPLIT_VARIANTS);
    String delegate = valueOf(split, "property", "camunda:delegateExpression");
    assertThat(springBeanNames()).contains(beanOf(delegate));
    JsonNode weights = property(split, "camunda:inputParameter", Vars.VARIANTS);
    Pattern modeler = Pattern.compile(weights.path("constraints").path("pattern").path("value").asText());
    for (String good : List.of(weights.path("value").asText(), "A:50,B:50", "control:80, new-offer:20", "A:1, B:1, C:1")) {
      assertThat(modeler.matcher(good).matches()).as(good).isTrue();
    }
    for (String bad : List.of("A", "A:50", "A=50, B=50", "A:half, B:half")) {
      assertThat(modeler.matcher(bad).matches()).as(bad).isFalse();
    }
    assertThat(split.path("description").asText()).contains("${" + Vars.VARIANT + " == 'A'}");
  }

  @Test
  void waitForBusinessEventPointsAtTheEventsApiAndItsReservedNames() throws IOException {
    JsonNode wait = template(WAIT_FOR_BUSINESS_EVENT);
    assertThat(wait.path("appliesTo")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
        "bpmn:StartEvent", "bpmn:BoundaryEvent", "bpmn:ReceiveTask", "bpmn:IntermediateCatchEvent");
    assertThat(wait.path("entriesVisible").asBoolean()).isTrue();
    String controller = Files.readString(MAIN_JAVA.resolve("io/omnijourney/journey/BusinessEventController.java"));
    Matcher path = Pattern.compile("@PostMapping\\(\"([^\"]+)\"\\)").matcher(controller);
    assertThat(path.find()).isTrue();
    assertThat(wait.path("description").asText())
        .contains("POST " + path.group(1), Messages.DELIVERY_CONFIRMED, Messages.DELIVERY_READ,
            Messages.DELIVERY_FAILED);
  }

  /**
   * "Every shipped BPMN uses them": each element a template fits carries it, so the Modeler shows
   * the friendly panel. The exceptions are the sends whose channel is the expression ${channel}
   * (deliver-with-fallback's own, the security notice's send on each channel), which the Send message
   * template's channel list cannot hold.
   */
  @Test
  void everyShippedDiagramUsesTheTemplatesWhereTheyFit() throws Exception {
    Set<String> businessEvents = new HashSet<>();
    for (var field : Events.class.getFields()) {
      businessEvents.add((String) field.get(null));
    }
    List<String> missing = new ArrayList<>();
    int templated = 0;
    for (Path file : bpmnFiles()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        String channel = inputOf(task, Vars.CHANNEL);
        if ("${sendMessage}".equals(task.getCamundaDelegateExpression()) && channel != null && !channel.contains("${")) {
          templated += expect(missing, file, task, SEND_MESSAGE);
        }
        if ("${splitVariants}".equals(task.getCamundaDelegateExpression())) {
          templated += expect(missing, file, task, SPLIT_VARIANTS);
        }
      }
      for (ReceiveTask wait : model.getModelElementsByType(ReceiveTask.class)) {
        if (inputOf(wait, Vars.DELIVERY_ID) != null) {
          templated += expect(missing, file, wait, WAIT_FOR_DELIVERY);
        }
      }
      for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
        if (DeliverWithFallback.PROCESS.equals(call.getCalledElement())) {
          templated += expect(missing, file, call, DELIVER_WITH_FALLBACK);
        }
      }
      for (CatchEvent event : model.getModelElementsByType(CatchEvent.class)) {
        boolean onBusinessEvent = event.getEventDefinitions().stream()
            .filter(MessageEventDefinition.class::isInstance)
            .map(d -> ((MessageEventDefinition) d).getMessage())
            .anyMatch(m -> m != null && businessEvents.contains(m.getName()));
        if (onBusinessEvent) {
          templated += expect(missing, file, event, WAIT_FOR_BUSINESS_EVENT);
        }
      }
    }
    assertThat(missing).as("elements a template fits but that do not use it").isEmpty();
    assertThat(templated).as("templated elements in the shipped diagrams").isGreaterThan(20);
  }

  private static int expect(List<String> missing, Path file, BaseElement element, String templateId) {
    String used = element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
    String version = element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion");
    if (!templateId.equals(used) || !"1".equals(version)) {
      missing.add(file.getFileName() + " " + element.getId() + " should use " + templateId + " v1, uses " + used);
    }
    return 1;
  }

  private static String inputOf(BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
        .flatMap(io -> io.getCamundaInputParameters().stream())
        .filter(p -> name.equals(p.getCamundaName()))
        .map(CamundaInputParameter::getTextContent)
        .findFirst().orElse(null);
  }

  private static List<Path> bpmnFiles() throws IOException {
    try (Stream<Path> files = Files.list(BPMN)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    }
  }

  // ---- the C7 schema rules, as a list of problems ----

  static List<String> problemsOf(JsonNode template) {
    List<String> problems = new ArrayList<>();
    for (String field : List.of("name", "id")) {
      if (!template.path(field).isTextual() || template.path(field).asText().isBlank()) {
        problems.add("missing " + field);
      }
    }
    if (!template.path("appliesTo").isArray() || template.path("appliesTo").isEmpty()) {
      problems.add("missing appliesTo");
    } else {
      template.path("appliesTo").forEach(type -> {
        if (!type.asText().matches("bpmn:[A-Z][A-Za-z]+")) {
          problems.add("appliesTo '" + type.asText() + "' is not namespaced like bpmn:Task");
        }
      });
    }
    if (template.has("version") && !template.path("version").isInt()) {
      problems.add("version must be an integer");
    }
    if (!template.path("properties").isArray()) {
      problems.add("missing properties");
      return problems;
    }
    int index = 0;
    for (JsonNode property : template.path("properties")) {
      String at = "property " + index++ + ": ";
      problemsOfProperty(property).forEach(problem -> problems.add(at + problem));
    }
    return problems;
  }

  private static List<String> problemsOfProperty(JsonNode property) {
    List<String> problems = new ArrayList<>();
    JsonNode binding = property.path("binding");
    if (!binding.isObject()) {
      problems.add("missing binding");
      return problems;
    }
    String type = binding.path("type").asText();
    if (!TYPES_BY_BINDING.containsKey(type)) {
      problems.add("unknown binding type " + type);
      return problems;
    }
    String control = property.path("type").asText("");
    if (!control.isEmpty() && !TYPES_BY_BINDING.get(type).contains(control)) {
      problems.add(type + " cannot be shown as " + control);
    }
    switch (type) {
      case "property", "camunda:property", "camunda:inputParameter", "camunda:field" -> {
        if (binding.path("name").asText().isBlank()) {
          problems.add(type + " needs name");
        }
      }
      case "camunda:outputParameter" -> {
        if (binding.path("source").asText().isBlank()) {
          problems.add(type + " needs source");
        }
      }
      case "camunda:in" -> {
        if (!binding.has("target") && !binding.has("variables")) {
          problems.add(type + " needs target or variables");
        }
      }
      case "camunda:out" -> {
        boolean source = binding.has("source");
        boolean expression = binding.has("sourceExpression");
        if (source == expression && !(binding.has("variables") && !source)) {
          problems.add(type + " needs exactly one of source, sourceExpression, variables");
        }
      }
      case "camunda:errorEventDefinition" -> {
        if (!binding.has("errorRef")) {
          problems.add(type + " needs errorRef");
        }
      }
      default -> { }
    }
    if (binding.has("variables") && !Set.of("all", "local").contains(binding.path("variables").asText())) {
      problems.add("variables must be all or local");
    }
    if ("Dropdown".equals(control)) {
      problems.addAll(problemsOfDropdown(property));
    }
    return problems;
  }

  private static List<String> problemsOfDropdown(JsonNode property) {
    JsonNode choices = property.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      return List.of("Dropdown without choices");
    }
    List<String> problems = new ArrayList<>();
    List<String> values = new ArrayList<>();
    int index = 0;
    for (JsonNode choice : choices) {
      if (!choice.path("name").isTextual() || !choice.path("value").isTextual()) {
        problems.add("choice " + index + " needs name and value");
      }
      values.add(choice.path("value").asText());
      index++;
    }
    String value = property.path("value").asText(null);
    if (value == null || !values.contains(value)) {
      problems.add("default '" + value + "' is not one of the choices " + values);
    }
    return problems;
  }

  // ---- reading templates, diagrams and code ----

  private static List<Path> templateFiles() {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A template file holds one template or an array of them; both are valid for the Modeler. */
  private static List<JsonNode> templatesIn(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError(file + " is not valid JSON: " + e.getMessage(), e);
    }
    List<JsonNode> templates = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(templates::add);
    } else {
      templates.add(root);
    }
    return templates;
  }

  private static List<JsonNode> allTemplates() {
    return templateFiles().stream().flatMap(f -> templatesIn(f).stream()).toList();
  }

  private static JsonNode template(String id) {
    return allTemplates().stream().filter(t -> id.equals(t.path("id").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no template " + id + " in " + FOLDER));
  }

  private static List<JsonNode> propertiesOf(JsonNode template) {
    List<JsonNode> properties = new ArrayList<>();
    template.path("properties").forEach(properties::add);
    return properties;
  }

  /** The property bound by that binding type to that name (or, for camunda:in, target). */
  private static JsonNode property(JsonNode template, String bindingType, String name) {
    return propertiesOf(template).stream()
        .filter(p -> bindingType.equals(p.path("binding").path("type").asText()))
        .filter(p -> name.equals(p.path("binding").path("name").asText())
            || name.equals(p.path("binding").path("target").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(template.path("id").asText() + " binds no " + bindingType + " " + name));
  }

  private static String valueOf(JsonNode template, String bindingType, String name) {
    return property(template, bindingType, name).path("value").asText();
  }

  private static List<String> choiceValues(JsonNode property) {
    List<String> values = new ArrayList<>();
    property.path("choices").forEach(c -> values.add(c.path("value").asText()));
    return values;
  }

  private static String beanOf(String delegateExpression) {
    Matcher bean = Pattern.compile("\\$\\{(\\w+)}").matcher(delegateExpression);
    assertThat(bean.matches()).as(delegateExpression + " names a bean").isTrue();
    return bean.group(1);
  }

  /** Bean names given explicitly with {@code @Component("...")} in src/main/java. */
  private static Set<String> springBeanNames() {
    Pattern component = Pattern.compile("@Component\\(\"(\\w+)\"\\)");
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.walk(MAIN_JAVA)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = component.matcher(Files.readString(file));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** Process id to the bpmn/ file that holds it. */
  private static Map<String, Path> processFiles() throws Exception {
    Map<String, Path> processes = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(BPMN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        NodeList nodes = parse(file).getElementsByTagNameNS(BPMN_NS, "process");
        for (int i = 0; i < nodes.getLength(); i++) {
          processes.put(((Element) nodes.item(i)).getAttribute("id"), file);
        }
      }
    }
    return processes;
  }

  private static Set<String> messageNamesIn(Path file) throws Exception {
    NodeList nodes = parse(file).getElementsByTagNameNS(BPMN_NS, "message");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      names.add(((Element) nodes.item(i)).getAttribute("name"));
    }
    return names;
  }

  private static Element elementById(Path file, String id) throws Exception {
    NodeList all = parse(file).getElementsByTagNameNS(BPMN_NS, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (id.equals(element.getAttribute("id"))) {
        return element;
      }
    }
    throw new AssertionError("no element " + id + " in " + file);
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }
}
