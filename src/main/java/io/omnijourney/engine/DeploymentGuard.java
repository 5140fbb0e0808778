package io.omnijourney.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Refuses a deployment that would run code written in a diagram rather than code we ship: script
 * tasks and scripts, Java classes named in the diagram, connectors, JUEL beyond
 * {@link ExpressionVocabulary}, delegate expressions that are not one of our delegate beans, DMN in
 * anything but FEEL, and CMMN (we ship none). Deploying a diagram is an admin's or an analyst's
 * job, not a way to run code on the server, whoever deploys.
 *
 * <p>It runs as a Camunda pre-deployer, before the engine parses anything, for every new
 * deployment: the REST API (and the Modeler, which uses it), the autodeployed {@code bpmn/} and
 * {@code forms/}, and redeployments. A refusal is a {@link ParseException}, which Camunda's REST
 * API answers with 400 and, per resource, each problem's message, line and element id.
 */
public class DeploymentGuard implements Deployer {

  private static final Set<String> FEEL = Set.of("feel", "http://www.omg.org/spec/feel/20140401",
      "http://www.omg.org/spec/dmn/20180521/feel/", "https://www.omg.org/spec/dmn/20191111/feel/");

  /** Text the engine never evaluates: documentation and text annotations may mention ${...}. */
  private static final Set<String> PROSE = Set.of("documentation", "text", "description");

  private final Supplier<Set<String>> delegateBeans;

  /** The delegate beans are looked up per deployment: at start the Spring context is still filling. */
  public DeploymentGuard(Supplier<Set<String>> delegateBeans) {
    this.delegateBeans = delegateBeans;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // a deployment loaded into the cache again was checked when it was new
    }
    for (ResourceEntity resource : deployment.getResources().values()) {
      List<Problem> problems = check(resource.getName(), resource.getBytes());
      if (!problems.isEmpty()) {
        String reasons = problems.stream().map(Problem::getMessage).collect(Collectors.joining("; "));
        throw new ParseException("Deployment refused, " + resource.getName() + ": " + reasons,
            resource.getName(), problems, List.of());
      }
    }
  }

  /** Every reason to refuse this resource; empty when it may be deployed. */
  public List<Problem> check(String resourceName, byte[] content) {
    String name = resourceName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".cmmn") || name.endsWith(".cmmn10.xml") || name.endsWith(".cmmn11.xml")) {
      return List.of(new Refusal("CMMN case definitions are not accepted", 0, 0, null));
    }
    boolean bpmn = name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
    boolean dmn = name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
    if (!bpmn && !dmn) {
      return List.of(); // forms (JSON) and other files the engine does not execute
    }
    Walker walker = bpmn ? new BpmnWalker(delegateBeans.get()) : new DmnWalker();
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.newSAXParser().parse(new ByteArrayInputStream(content), walker);
    } catch (SAXException | IOException | ParserConfigurationException e) {
      walker.problems.add(new Refusal("it is not well-formed XML: " + e.getMessage(), 0, 0, null));
    }
    return walker.problems;
  }

  /** One reason to refuse, at an element (the nearest one with an id). */
  public record Refusal(String message, int line, int column, String elementId) implements Problem {
    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public int getLine() {
      return line;
    }

    @Override
    public int getColumn() {
      return column;
    }

    @Override
    public String getMainElementId() {
      return elementId;
    }

    @Override
    public List<String> getElementIds() {
      return elementId == null ? List.of() : List.of(elementId);
    }
  }

  /** Walks the XML keeping the nearest element id and each element's text. */
  private abstract static class Walker extends DefaultHandler {
    final List<Problem> problems = new ArrayList<>();
    private final Deque<String> ids = new ArrayDeque<>();
    private final Deque<StringBuilder> texts = new ArrayDeque<>();
    private final Deque<int[]> positions = new ArrayDeque<>();
    private Locator locator;

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      String id = attributes.getValue("id");
      ids.push(id != null ? id : ids.isEmpty() ? "" : ids.peek());
      texts.push(new StringBuilder());
      positions.push(new int[] {locator.getLineNumber(), locator.getColumnNumber()});
      element(localName, attributes);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      texts.peek().append(ch, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      text(localName, texts.pop().toString());
      ids.pop();
      positions.pop();
    }

    abstract void element(String localName, Attributes attributes);

    abstract void text(String localName, String text);

    void refuse(String reason) {
      String id = ids.peek();
      String element = id == null || id.isEmpty() ? "" : "element " + id + ": ";
      int[] position = positions.peek();
      problems.add(new Refusal(element + reason, position[0], position[1], id == null || id.isEmpty() ? null : id));
    }
  }

  private static final class BpmnWalker extends Walker {
    private final Set<String> delegateBeans;

    BpmnWalker(Set<String> delegateBeans) {
      this.delegateBeans = delegateBeans;
    }

    @Override
    void element(String localName, Attributes attributes) {
      switch (localName) {
        case "scriptTask" -> refuse("a script task runs code written in the diagram");
        case "script" -> refuse("a script (camunda:script) runs code written in the diagram");
        case "connector" -> refuse("a connector (camunda:connector) calls out from the diagram");
        case "constraint" -> {
          if ("validator".equals(attributes.getValue("name"))) {
            refuse("a custom form field validator names code to run");
          }
        }
        default -> { }
      }
      for (int i = 0; i < attributes.getLength(); i++) {
        attribute(attributes.getQName(i), attributes.getLocalName(i), attributes.getValue(i));
      }
    }

    private void attribute(String qName, String localName, String value) {
      if (localName.equals("class") || localName.endsWith("Class")) {
        refuse(qName + " names a Java class to run; use camunda:delegateExpression=\"${bean}\" with one of our delegates");
      } else if (localName.equals("language") || localName.equals("scriptFormat")) {
        refuse(qName + "=\"" + value + "\" makes it a script; use an expression instead");
      } else if (localName.endsWith("elegateExpression")) {
        // delegateExpression, and variableMappingDelegateExpression on call activities
        ExpressionVocabulary.delegateRefusal(value, delegateBeans)
            .ifPresent(reason -> refuse(qName + "=\"" + value + "\": " + reason));
      } else if (ExpressionVocabulary.isExpression(value)) {
        expression(qName, value);
      }
    }

    @Override
    void text(String localName, String text) {
      if (!PROSE.contains(localName) && ExpressionVocabulary.isExpression(text)) {
        expression(localName, text.strip());
      }
    }

    private void expression(String where, String expression) {
      Optional<String> refusal = ExpressionVocabulary.refusal(expression);
      refusal.ifPresent(reason -> refuse(where + " \"" + expression + "\": " + reason));
    }
  }

  private static final class DmnWalker extends Walker {
    @Override
    void element(String localName, Attributes attributes) {
      String language = attributes.getValue("expressionLanguage");
      if (language != null && !FEEL.contains(language.strip().toLowerCase(Locale.ROOT))) {
        refuse(localName + " uses expressionLanguage=\"" + language + "\"; decisions are written in FEEL");
      }
    }

    @Override
    void text(String localName, String text) {
    }
  }
}
