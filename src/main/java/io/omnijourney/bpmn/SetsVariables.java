package io.omnijourney.bpmn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The process variables a delegate sets, named by their {@link Bpmn.Vars} constants. The model
 * lint reads it: a timer of a diagram may wait on a variable that a delegate of the same diagram
 * sets, e.g. {@code ${sendAt}} after "Check quiet hours and frequency cap".
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SetsVariables {
  String[] value();
}
