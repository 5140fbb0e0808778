package io.omnijourney.engine;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstLiteral;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilder;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * The JUEL a diagram may use: variables and bean names, literals, comparison, boolean and
 * arithmetic operators, {@code empty}/{@code not}, the ternary and parentheses, plus reading and
 * writing a variable through {@code execution}. JUEL's property access and method calls reach any
 * public Java method ({@code ''.getClass().forName(...)}), so everything else is refused.
 *
 * <p>The expression is parsed with the JUEL parser Camunda itself evaluates it with, and its syntax
 * tree is walked: text tricks that would fool a pattern do not change the tree.
 */
public final class ExpressionVocabulary {

  // Camunda's ExpressionFactoryImpl enables both: parse what the engine would run.
  private static final TreeBuilder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  /** The objects Camunda's VariableScopeElResolver hands out; they reach the whole engine API. */
  private static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution");

  /** execution's variable methods and their argument counts; the first argument is a literal name. */
  private static final Map<String, Integer> VARIABLE_METHODS = Map.of(
      "getVariable", 1, "getVariableLocal", 1, "hasVariable", 1, "hasVariableLocal", 1,
      "setVariable", 2, "setVariableLocal", 2);

  private ExpressionVocabulary() {
  }

  /** True when the text holds an expression Camunda would evaluate. */
  public static boolean isExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /** Why the expression is refused, or empty when it stays within the vocabulary. */
  public static Optional<String> refusal(String expression) {
    try {
      return Optional.ofNullable(refusal(PARSER.build(expression).getRoot()));
    } catch (TreeBuilderException e) {
      return Optional.of("it is not a valid expression (" + e.getMessage() + ")");
    }
  }

  /**
   * Why the delegate expression is refused: it must be exactly {@code ${bean}} naming one of the
   * given delegate beans, so a diagram can only run code we wrote as a delegate.
   */
  public static Optional<String> delegateRefusal(String expression, Set<String> delegateBeans) {
    Node root;
    try {
      root = PARSER.build(expression).getRoot();
    } catch (TreeBuilderException e) {
      return Optional.of("it is not a valid expression (" + e.getMessage() + ")");
    }
    if (root instanceof AstEval eval && eval.getChild(0) instanceof AstIdentifier bean) {
      return delegateBeans.contains(bean.getName()) ? Optional.empty()
          : Optional.of("'" + bean.getName() + "' is not one of our delegate beans " + delegateBeans);
    }
    return Optional.of("a delegate expression must be ${beanName}, one of our delegate beans " + delegateBeans);
  }

  private static String refusal(Node node) {
    if (node instanceof AstLiteral || node instanceof AstText) {
      return null;
    }
    if (node instanceof AstIdentifier identifier) {
      return ENGINE_OBJECTS.contains(identifier.getName())
          ? "'" + identifier.getName() + "' may only be used as execution.getVariable('name')"
              + " or execution.setVariable('name', value)"
          : null;
    }
    if (node instanceof AstMethod method) {
      return variableMethodRefusal(method);
    }
    if (node instanceof AstProperty) {
      return "property access (" + describe(node) + ") is not allowed";
    }
    if (node instanceof AstFunction function) {
      return "function call " + function.getName() + "() is not allowed";
    }
    if (node instanceof AstComposite || node instanceof AstEval || node instanceof AstNested
        || node instanceof AstBinary || node instanceof AstUnary || node instanceof AstChoice) {
      return childrenRefusal(node, 0);
    }
    return node.getClass().getSimpleName() + " is not allowed";
  }

  private static String childrenRefusal(Node node, int from) {
    for (int i = from; i < node.getCardinality(); i++) {
      String refusal = refusal(node.getChild(i));
      if (refusal != null) {
        return refusal;
      }
    }
    return null;
  }

  private static String variableMethodRefusal(AstMethod method) {
    Node target = method.getChild(0);
    Node parameters = method.getChild(1);
    String name = target instanceof AstDot dot ? propertyName(dot) : null;
    boolean onExecution = target.getChild(0) instanceof AstIdentifier identifier
        && identifier.getName().equals("execution");
    if (name == null || !onExecution || !VARIABLE_METHODS.containsKey(name)) {
      return "method call " + describe(target) + "(...) is not allowed; only execution.getVariable('name')"
          + " and execution.setVariable('name', value) are";
    }
    if (parameters.getCardinality() != VARIABLE_METHODS.get(name) || !(parameters.getChild(0) instanceof AstString)) {
      return "execution." + name + " takes the variable's name as a quoted literal"
          + (VARIABLE_METHODS.get(name) == 2 ? " and a value" : "");
    }
    return childrenRefusal(parameters, 1);
  }

  /** AstDot keeps its property name protected; its toString is ". name". */
  private static String propertyName(AstDot dot) {
    return dot.toString().substring(2);
  }

  private static String describe(Node node) {
    if (node instanceof AstDot dot) {
      return describe(dot.getChild(0)) + "." + propertyName(dot);
    }
    if (node instanceof AstIdentifier identifier) {
      return identifier.getName();
    }
    if (node instanceof AstMethod method) {
      return describe(method.getChild(0)) + "(...)";
    }
    if (node instanceof AstProperty property) {
      return describe(property.getChild(0)) + "[...]";
    }
    return node.toString();
  }
}
