package io.omnijourney.bpmn;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** Reads the extension properties analysts set in the Modeler ({@link Bpmn.Properties}) while a diagram is parsed. */
public final class ExtensionProperties {

  private ExtensionProperties() {}

  /** The {@code camunda:property} entries directly under an element's extension elements. */
  public static Map<String, String> of(Element element) {
    Map<String, String> result = new HashMap<>();
    Element extensions = element.element("extensionElements");
    if (extensions == null) {
      return result;
    }
    extensions.elements("properties").forEach(group ->
        group.elements("property").forEach(p -> result.put(p.attribute("name"), p.attribute("value"))));
    return result;
  }
}
