package io.omnijourney.bpmn;

import com.samskivert.mustache.Mustache;
import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.bpmn.Bpmn.Messages;
import io.omnijourney.bpmn.Bpmn.Properties;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.Channel;
import io.omnijourney.delivery.RetryCycle;
import java.beans.Introspector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Checks the playbooks in {@code bpmn/} against the conventions of docs/architecture.md ("BPMN
 * conventions") without an engine or a Spring context: it reads each diagram with the Camunda model
 * API and returns every problem as one line, "file element: what is wrong".
 *
 * <p>The rules, one method each:
 * <ol>
 *   <li>{@link #delegatesExist}: a {@code camunda:delegateExpression="${name}"} names a bean found by
 *       scanning {@code src/main/java} for {@code @Component("name")}/{@code @Service("name")}, or a
 *       plain {@code @Component}/{@code @Service} class whose decapitalised simple name is the name.
 *   <li>{@link #sendTasksAreComplete}: a {@code ${sendMessage}} task has non-empty inputs
 *       {@code channel} and {@code template}, a constant channel is a {@link Channel} id, and the task
 *       is {@code asyncBefore} with a valid retry cycle: the {@code retryTimeCycle} property the
 *       "Send message" template writes, or a {@code failedJobRetryTimeCycle}.
 *   <li>{@link #processesHaveTtl} and {@link #decisionsHaveTtl}: every executable process and every
 *       DMN decision has {@code camunda:historyTimeToLive}.
 *   <li>{@link #templatesExist}: a constant {@code template} (a send task's input, or a call
 *       activity's {@code camunda:in target="template" sourceExpression="..."}) is a folder of
 *       {@code templates/} whose every file compiles with jmustache, and which has
 *       {@code <channel>.en.txt} when the send task's channel is a constant.
 *   <li>{@link #messagesAreCorrelated}: every message a receive task, an intermediate catch event or
 *       a boundary event waits for is one the code correlates (see {@link #CORRELATED_MESSAGES}).
 *   <li>{@link #deliveryWaitsAreSafe}: a receive task for {@code delivery-confirmed} or
 *       {@code delivery-read} or {@code delivery-failed} has a {@code deliveryId} input and a
 *       boundary timer. One for {@code delivery-confirmed} also does not directly follow (through
 *       gateways only) a send on a constant channel that never reports delivery (telegram, push), nor
 *       one for {@code delivery-read} a channel that never reports reading (sms, telegram, push): such
 *       a wait could only ever time out. A receive task for {@code delivery-failed} (a wait for a
 *       reply that a failed delivery cuts short) may follow one: there its timer decides, as it should.
 *   <li>{@link #timersHaveDefaults}: every timer is one expression {@code ${name}}, and {@code name}
 *       either has a {@code default.name} property on the process or is written by the diagram
 *       itself: by a {@code camunda:outputParameter}, or by a delegate of the diagram listed in
 *       {@link SetsVariables} on its class.
 * </ol>
 *
 * <p><b>Which messages count as correlated.</b> A BPMN 7 {@code bpmn:message} cannot carry
 * {@code camunda:properties}, so a diagram has no clean way to mark a message as a business event.
 * The known names are therefore the constants of {@link Messages} (delivery reports, correlated
 * from provider webhooks) and of {@link Events}, the business events the product expects on
 * {@code POST /api/events}. That endpoint accepts any name, so a new business event is a
 * deliberate one-line change to {@link Events}, and a typo in a diagram
 * ({@code payment-recieved}) is caught here rather than as a journey that never moves on.
 *
 * <p>Not checked: message start events (journeys start over the REST API), intermediate message
 * catch events waiting for {@code delivery-confirmed} (no diagram uses one; receive tasks can carry
 * the {@code deliveryId} input), and templates reached by an expression such as {@code ${template}},
 * which the journey start already validates.
 */
final class ModelLint {

  /** Delivery reports ({@link Messages}) and business events ({@link Events}): every message the code correlates. */
  static final Set<String> CORRELATED_MESSAGES = correlatedMessages();


  private static final String SEND_MESSAGE = "sendMessage";
  private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z_$][\\w$]*)\\s*}");
  private static final Pattern NAMED_BEAN =
      Pattern.compile("@(?:Component|Service)\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");
  private static final Pattern PLAIN_BEAN =
      Pattern.compile("@(?:Component|Service)\\s*(?:\\(\\s*\\))?\\s+(?:@\\w+(?:\\([^)]*\\))?\\s+)*"
          + "(?:(?:public|final|abstract)\\s+)*class\\s+(\\w+)");

  private final Path templates;
  /** Bean name to the variables its class declares it sets ({@link SetsVariables}); empty when none. */
  private final Map<String, Set<String>> beans;

  /**
   * @param sources the Java sources to find beans in, usually {@code src/main/java}
   * @param templates the message templates folder, usually {@code templates}
   */
  ModelLint(Path sources, Path templates) {
    this.templates = templates;
    this.beans = beansIn(sources);
  }

  /** Every problem of every {@code *.bpmn} and {@code *.dmn} in a folder. */
  List<String> lintFolder(Path folder) {
    List<String> problems = new ArrayList<>();
    for (Path file : filesIn(folder)) {
      String name = file.getFileName().toString();
      if (name.endsWith(".bpmn")) {
        problems.addAll(lintDiagram(file));
      } else if (name.endsWith(".dmn")) {
        problems.addAll(lintDecisions(file));
      }
    }
    return problems;
  }

  /** Every problem of one BPMN file. */
  List<String> lintDiagram(Path file) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromFile(file.toFile());
    } catch (RuntimeException e) {
      return List.of(file.getFileName() + ": does not parse: " + e.getMessage());
    }
    var diagram = new Diagram(file.getFileName().toString(), model);
    delegatesExist(diagram);
    sendTasksAreComplete(diagram);
    processesHaveTtl(diagram);
    templatesExist(diagram);
    messagesAreCorrelated(diagram);
    deliveryWaitsAreSafe(diagram);
    timersHaveDefaults(diagram);
    return diagram.problems;
  }

  /** Every problem of one DMN file. */
  List<String> lintDecisions(Path file) {
    try {
      return decisionsHaveTtl(file.getFileName().toString(), Dmn.readModelFromFile(file.toFile())
          .getModelElementsByType(Decision.class));
    } catch (RuntimeException e) {
      return List.of(file.getFileName() + ": does not parse: " + e.getMessage());
    }
  }

  /** The beans found in the sources; visible for the test of the scan itself. */
  Set<String> beans() {
    return beans.keySet();
  }

  // Rule 1
  private void delegatesExist(Diagram d) {
    for (Task task : d.delegateTasks()) {
      String expression = delegateExpression(task);
      Optional<String> bean = beanName(expression);
      if (bean.isEmpty()) {
        d.problem(task, "delegateExpression " + expression + " is not a plain ${bean}");
      } else if (!beans.containsKey(bean.get())) {
        d.problem(task, "delegateExpression " + expression + " names no bean: no @Component(\"" + bean.get()
            + "\") nor a class " + Character.toUpperCase(bean.get().charAt(0)) + bean.get().substring(1) + " in the sources");
      }
    }
  }

  // Rule 2
  private void sendTasksAreComplete(Diagram d) {
    for (Task task : d.sendMessageTasks()) {
      Map<String, String> inputs = inputs(task);
      for (String input : List.of(Vars.CHANNEL, Vars.TEMPLATE)) {
        if (blank(inputs.get(input))) {
          d.problem(task, "${sendMessage} needs a non-empty input " + input);
        }
      }
      String channel = inputs.get(Vars.CHANNEL);
      if (isConstant(channel) && Channel.fromId(channel.strip()).isEmpty()) {
        d.problem(task, "channel '" + channel + "' is not a channel; channels are "
            + Channel.idsOf(List.of(Channel.values())));
      }
      if (!task.isCamundaAsyncBefore()) {
        d.problem(task, "a send must be asyncBefore, so that a provider error retries as a job");
      }
      String property = camundaProperties(task).get(Properties.RETRY_TIME_CYCLE);
      boolean element = task.getExtensionElements() != null
          && task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
              .list().stream().anyMatch(c -> !blank(c.getTextContent()));
      if (!element && blank(property)) {
        d.problem(task, "a send needs a retry cycle, e.g. R3/PT30S: the Send message template's Retries field"
            + " (property " + Properties.RETRY_TIME_CYCLE + ") or a failedJobRetryTimeCycle");
      } else if (!element && !RetryCycle.isValid(property)) {
        d.problem(task, Properties.RETRY_TIME_CYCLE + " '" + property + "' is not a retry cycle such as R3/PT30S");
      }
    }
  }

  /** The {@code camunda:property} entries of an element. */
  private static Map<String, String> camundaProperties(BaseElement element) {
    Map<String, String> properties = new HashMap<>();
    if (element.getExtensionElements() != null) {
      element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
          .forEach(group -> group.getCamundaProperties()
              .forEach(p -> properties.put(p.getCamundaName(), p.getCamundaValue())));
    }
    return properties;
  }

  // Rule 3, BPMN
  private void processesHaveTtl(Diagram d) {
    for (Process process : d.all(Process.class)) {
      if (process.isExecutable() && blank(process.getCamundaHistoryTimeToLiveString())) {
        d.problem(process, "an executable process needs camunda:historyTimeToLive");
      }
    }
  }

  // Rule 3, DMN
  private static List<String> decisionsHaveTtl(String file, Collection<Decision> decisions) {
    return decisions.stream()
        .filter(decision -> blank(decision.getCamundaHistoryTimeToLiveString()))
        .map(decision -> file + " " + decision.getId() + ": a decision needs camunda:historyTimeToLive")
        .toList();
  }

  // Rule 4
  private void templatesExist(Diagram d) {
    for (Task task : d.sendMessageTasks()) {
      Map<String, String> inputs = inputs(task);
      String template = inputs.get(Vars.TEMPLATE);
      if (isConstant(template)) {
        String channel = inputs.get(Vars.CHANNEL);
        // An unknown channel is rule 2's problem; only a real one has a text to look for.
        String known = isConstant(channel) ? Channel.fromId(channel.strip()).map(Channel::id).orElse(null) : null;
        checkTemplate(d, task, template.strip(), known);
      }
    }
    for (CallActivity call : d.all(CallActivity.class)) {
      for (CamundaIn in : extensions(call, CamundaIn.class)) {
        if (Vars.TEMPLATE.equals(in.getCamundaTarget()) && isConstant(in.getCamundaSourceExpression())) {
          checkTemplate(d, call, in.getCamundaSourceExpression().strip(), null);
        }
      }
    }
  }

  private void checkTemplate(Diagram d, BaseElement element, String template, String channel) {
    Path folder = templates.resolve(template);
    if (!Files.isDirectory(folder)) {
      d.problem(element, "template '" + template + "' has no folder " + folder);
      return;
    }
    for (Path file : filesIn(folder)) {
      try {
        Mustache.compiler().compile(Files.readString(file, StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        d.problem(element, "template file " + folder.relativize(file) + " of '" + template
            + "' does not compile: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (channel != null && !Files.isRegularFile(folder.resolve(channel + ".en.txt"))) {
      d.problem(element, "template '" + template + "' has no " + channel + ".en.txt for its channel");
    }
  }

  // Rule 5
  private void messagesAreCorrelated(Diagram d) {
    for (FlowNode waiting : d.messageWaits()) {
      Message message = messageOf(waiting);
      if (message == null || blank(message.getName())) {
        d.problem(waiting, "waits for a message without a name");
      } else if (!CORRELATED_MESSAGES.contains(message.getName())) {
        d.problem(waiting, "waits for message '" + message.getName() + "' which no code correlates; known: "
            + new TreeSet<>(CORRELATED_MESSAGES) + " (add a business event to Bpmn.Events)");
      }
    }
  }

  // Rule 6
  private void deliveryWaitsAreSafe(Diagram d) {
    for (ReceiveTask wait : d.all(ReceiveTask.class)) {
      String message = wait.getMessage() == null ? null : wait.getMessage().getName();
      boolean forRead = Messages.DELIVERY_READ.equals(message);
      if (!forRead && !Messages.DELIVERY_CONFIRMED.equals(message) && !Messages.DELIVERY_FAILED.equals(message)) {
        continue;
      }
      if (blank(inputs(wait).get(Vars.DELIVERY_ID))) {
        d.problem(wait, "a delivery wait needs an input deliveryId, or it takes any delivery's report");
      }
      boolean timer = d.all(BoundaryEvent.class).stream()
          .anyMatch(b -> wait.equals(b.getAttachedTo()) && has(b, TimerEventDefinition.class));
      if (!timer) {
        d.problem(wait, "a delivery wait needs a boundary timer: a report may never come");
      }
      if (Messages.DELIVERY_FAILED.equals(message)) {
        // A wait that ends early only on a failure (a wait for a reply) is a timer after a silent channel.
        continue;
      }
      for (Task send : sendsBefore(wait)) {
        String channel = inputs(send).get(Vars.CHANNEL);
        if (isConstant(channel)) {
          Channel.fromId(channel.strip()).filter(c -> forRead ? !c.reportsRead() : !c.reportsDelivery())
              .ifPresent(c -> d.problem(wait, "waits for " + (forRead ? "the message to be read" : "delivery")
                  + " after " + send.getId() + " on " + c.id() + ", which never reports "
                  + (forRead ? "reading" : "delivery")));
        }
      }
    }
  }

  /**
   * The {@code ${sendMessage}} tasks reaching {@code node} directly or through gateways only. Flows
   * are found by their targetRef, since {@code bpmn:incoming} is optional in the XML.
   */
  private static List<Task> sendsBefore(FlowNode node) {
    List<Task> sends = new ArrayList<>();
    Set<FlowNode> seen = new HashSet<>();
    var queue = new ArrayDeque<FlowNode>(List.of(node));
    while (!queue.isEmpty()) {
      FlowNode target = queue.poll();
      for (SequenceFlow flow : node.getModelInstance().getModelElementsByType(SequenceFlow.class)) {
        if (!target.equals(flow.getTarget())) {
          continue;
        }
        FlowNode source = flow.getSource();
        if (!seen.add(source)) {
          continue;
        }
        if (source instanceof Gateway) {
          queue.add(source);
        } else if (source instanceof Task task && isSendMessage(task)) {
          sends.add(task);
        }
      }
    }
    return sends;
  }

  // Rule 7
  private void timersHaveDefaults(Diagram d) {
    Set<String> written = d.variablesWritten(beans);
    for (TimerEventDefinition timer : d.all(TimerEventDefinition.class)) {
      BaseElement event = (BaseElement) timer.getParentElement();
      String expression = timerExpression(timer);
      Optional<String> variable = beanName(expression);
      if (variable.isEmpty()) {
        d.problem(event, "timer '" + expression + "' must be one ${variable} with a default, e.g. ${smsTimeout}");
      } else if (!defaults(processOf(event)).contains(variable.get()) && !written.contains(variable.get())) {
        d.problem(event, "timer variable " + variable.get() + " needs a process property "
            + Properties.DEFAULT_PREFIX + variable.get() + ", or must be set by this diagram");
      }
    }
  }

  private static String timerExpression(TimerEventDefinition timer) {
    return Stream.of(timer.getTimeDuration(), timer.getTimeDate(), timer.getTimeCycle())
        .filter(e -> e != null && !blank(e.getTextContent()))
        .map(e -> e.getTextContent().strip())
        .findFirst().orElse("");
  }

  /** The variables with a {@code default.<name>} property on the process itself. */
  private static Set<String> defaults(Process process) {
    Set<String> names = new HashSet<>();
    for (CamundaProperties properties : process == null ? List.<CamundaProperties>of()
        : extensions(process, CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        String name = property.getCamundaName();
        if (name != null && name.startsWith(Properties.DEFAULT_PREFIX)) {
          names.add(name.substring(Properties.DEFAULT_PREFIX.length()));
        }
      }
    }
    return names;
  }

  private static Process processOf(ModelElementInstance element) {
    ModelElementInstance e = element;
    while (e != null && !(e instanceof Process)) {
      e = e.getParentElement();
    }
    return (Process) e;
  }

  // Helpers

  /** One diagram and the problems found in it. */
  private static final class Diagram {
    final String file;
    final BpmnModelInstance model;
    final List<String> problems = new ArrayList<>();

    Diagram(String file, BpmnModelInstance model) {
      this.file = file;
      this.model = model;
    }

    void problem(BaseElement element, String text) {
      problems.add(file + " " + element.getId() + ": " + text);
    }

    <T extends ModelElementInstance> List<T> all(Class<T> type) {
      return List.copyOf(model.getModelElementsByType(type));
    }

    /** Service and send tasks with a delegate expression. */
    List<Task> delegateTasks() {
      return Stream.concat(all(ServiceTask.class).stream(), all(SendTask.class).stream())
          .filter(task -> delegateExpression(task) != null)
          .toList();
    }

    List<Task> sendMessageTasks() {
      return delegateTasks().stream().filter(ModelLint::isSendMessage).toList();
    }

    /** Receive tasks, intermediate catch events and boundary events that wait for a message. */
    List<FlowNode> messageWaits() {
      List<FlowNode> waits = new ArrayList<>(all(ReceiveTask.class));
      for (CatchEvent event : all(CatchEvent.class)) {
        if ((event instanceof IntermediateCatchEvent || event instanceof BoundaryEvent)
            && has(event, MessageEventDefinition.class)) {
          waits.add(event);
        }
      }
      return waits;
    }

    /** Variables set by the diagram: output parameters, and the outputs of its known delegates. */
    Set<String> variablesWritten(Map<String, Set<String>> beans) {
      Set<String> names = new HashSet<>();
      all(CamundaOutputParameter.class).forEach(p -> names.add(p.getCamundaName()));
      delegateTasks().forEach(task -> beanName(delegateExpression(task))
          .ifPresent(bean -> names.addAll(beans.getOrDefault(bean, Set.of()))));
      return names;
    }
  }

  private static Message messageOf(FlowNode waiting) {
    if (waiting instanceof ReceiveTask task) {
      return task.getMessage();
    }
    return ((CatchEvent) waiting).getEventDefinitions().stream()
        .filter(MessageEventDefinition.class::isInstance)
        .map(def -> ((MessageEventDefinition) def).getMessage())
        .findFirst().orElse(null);
  }

  private static boolean has(CatchEvent event, Class<?> definition) {
    return event.getEventDefinitions().stream().anyMatch(definition::isInstance);
  }

  private static String delegateExpression(Task task) {
    if (task instanceof ServiceTask service) {
      return service.getCamundaDelegateExpression();
    }
    return task instanceof SendTask send ? send.getCamundaDelegateExpression() : null;
  }

  private static boolean isSendMessage(Task task) {
    return beanName(delegateExpression(task)).filter(SEND_MESSAGE::equals).isPresent();
  }

  /** {@code name} of an expression that is exactly {@code ${name}}. */
  private static Optional<String> beanName(String expression) {
    if (expression == null) {
      return Optional.empty();
    }
    Matcher m = BEAN_EXPRESSION.matcher(expression.strip());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The text inputs of an element ({@code camunda:inputParameter}), by name. */
  private static Map<String, String> inputs(BaseElement element) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (CamundaInputParameter input : element.getModelInstance().getModelElementsByType(CamundaInputParameter.class)) {
      if (ownerOf(input) == element) {
        inputs.put(input.getCamundaName(), input.getTextContent());
      }
    }
    return inputs;
  }

  private static <T extends ModelElementInstance> List<T> extensions(BaseElement element, Class<T> type) {
    return element.getExtensionElements() == null
        ? List.of()
        : List.copyOf(element.getExtensionElements().getElementsQuery().filterByType(type).list());
  }

  /** The BPMN element whose extension elements hold {@code e}. */
  private static ModelElementInstance ownerOf(ModelElementInstance e) {
    ModelElementInstance parent = e.getParentElement();
    while (parent != null && !(parent instanceof BaseElement)) {
      parent = parent.getParentElement();
    }
    return parent;
  }

  private static boolean isConstant(String value) {
    return !blank(value) && !value.contains("${") && !value.contains("#{");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static Set<String> correlatedMessages() {
    Set<String> names = new HashSet<>();
    Stream.of(Messages.class.getFields(), Events.class.getFields()).flatMap(Arrays::stream)
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .forEach(f -> {
          try {
            names.add((String) f.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        });
    return Set.copyOf(names);
  }

  private static Map<String, Set<String>> beansIn(Path sources) {
    Map<String, Set<String>> beans = new HashMap<>();
    for (Path file : javaFilesIn(sources)) {
      String source;
      try {
        source = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<String> names = new ArrayList<>();
      NAMED_BEAN.matcher(source).results().forEach(m -> names.add(m.group(1)));
      // Spring's AnnotationBeanNameGenerator names a plain @Component as Introspector does.
      PLAIN_BEAN.matcher(source).results().forEach(m -> names.add(Introspector.decapitalize(m.group(1))));
      if (!names.isEmpty()) {
        Set<String> sets = variablesSetBy(sources, file);
        names.forEach(name -> beans.put(name, sets));
      }
    }
    return beans;
  }

  /** What the class of a source file declares it sets ({@link SetsVariables}), read from the compiled class. */
  private static Set<String> variablesSetBy(Path sources, Path file) {
    String relative = sources.relativize(file).toString();
    String className = relative.substring(0, relative.length() - ".java".length()).replace(file.getFileSystem()
        .getSeparator(), ".");
    try {
      SetsVariables sets = Class.forName(className, false, ModelLint.class.getClassLoader())
          .getAnnotation(SetsVariables.class);
      return sets == null ? Set.of() : Set.of(sets.value());
    } catch (ClassNotFoundException notCompiled) {
      return Set.of();
    }
  }

  private static List<Path> javaFilesIn(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> filesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
