package io.omnijourney.delivery;

import java.util.regex.Pattern;

/**
 * The forms of a job retry cycle Camunda understands: a repetition ({@code R3/PT30S}: 3 attempts, 30
 * seconds apart) or a list of waits ({@code PT1M,PT5M,PT30M}: one attempt after each).
 */
public final class RetryCycle {

  private static final String DURATION = "P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?";
  private static final Pattern FORM =
      Pattern.compile("R\\d+/" + DURATION + "|" + DURATION + "(\\s*,\\s*" + DURATION + ")*");

  private RetryCycle() {}

  public static boolean isValid(String cycle) {
    return cycle != null && FORM.matcher(cycle.strip()).matches();
  }
}
