package io.omnijourney.bpmn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a playbook's name and its process id relate: a playbook is named after its BPMN file
 * ({@code order-confirmation}); its process id is the camelCase form ({@code orderConfirmation}).
 */
public final class PlaybookNames {

  private static final Pattern DASH_LETTER = Pattern.compile("-([a-z0-9])");
  private static final Pattern UPPER = Pattern.compile("([A-Z])");

  private PlaybookNames() {}

  public static String processKeyOf(String playbook) {
    Matcher m = DASH_LETTER.matcher(playbook);
    StringBuilder key = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(key, m.group(1).toUpperCase());
    }
    return m.appendTail(key).toString();
  }

  public static String playbookOf(String processKey) {
    return UPPER.matcher(processKey).replaceAll(r -> "-" + r.group(1).toLowerCase());
  }
}
