package io.omnijourney.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.security.Role;
import io.omnijourney.template.MessageTemplates;
import io.omnijourney.web.PageLocales;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /inbox}: where operators and supervisors work the conversations. The page is a shell; its
 * script ({@code /inbox/inbox.js}) reads and changes everything through {@code /api/conversations}
 * with the page's session, polling for what changed. The shell gives the script what the API has
 * no route for: the caller, their queues, the canned replies with the variables each needs, the
 * team a supervisor may assign to, and the page's texts in the reader's language.
 */
@Controller
@Hidden
class InboxPage {

  /** A canned reply: a template whose id starts with {@code support-canned-}, and what the operator fills in. */
  record CannedReply(String id, List<String> variables) {}

  /** Someone a supervisor may assign a conversation to, with the queues they work. */
  record TeamMember(String id, String name, List<String> queues) {}

  /** Everything the script starts with. */
  record Setup(String user, boolean supervisor, List<String> queues, List<CannedReply> canned, List<TeamMember> team,
      Map<String, String> text, long pollMillis) {}

  static final String CANNED_PREFIX = "support-canned-";
  /** Variables a reply fills itself ({@link ConversationActions}) or a send adds (locale, the unsubscribe link). */
  private static final Set<String> FILLED_IN = Set.of("ticketNumber", "locale", "unsubscribeUrl");
  private static final String TEXT_PREFIX = "inbox.";
  private static final Duration POLL = Duration.ofSeconds(2);

  private final PageLocales locales;
  private final MessageSource messages;
  private final MessageTemplates templates;
  private final SupportSettings settings;
  private final IdentityService identity;
  private final ObjectMapper json;
  private final CallerQueues callerQueues;

  InboxPage(PageLocales locales, MessageSource messages, MessageTemplates templates, SupportSettings settings,
      @Lazy IdentityService identity, ObjectMapper json, CallerQueues callerQueues) {
    this.callerQueues = callerQueues;
    this.locales = locales;
    this.messages = messages;
    this.templates = templates;
    this.settings = settings;
    this.identity = identity;
    this.json = json;
  }

  @GetMapping("/inbox")
  String page(HttpServletRequest request, Authentication caller, Model model) throws JsonProcessingException {
    locales.describe(request, model);
    Locale locale = locales.resolveLocale(request);
    boolean supervisor = callerQueues.everyQueue(caller);
    List<String> queues = callerQueues.of(caller);
    Setup setup = new Setup(caller.getName(), supervisor, queues, cannedReplies(), supervisor ? team() : List.of(),
        texts(locale), POLL.toMillis());
    model.addAttribute("user", caller.getName());
    model.addAttribute("supervisor", supervisor);
    model.addAttribute("kpis", Role.any(caller, Role.SUPERVISORS, Role.ANALYSTS, Role.ADMIN));
    // Raw JSON inside <script>: a "<" could close the element, so it goes as the JSON escape.
    model.addAttribute("setup", json.writeValueAsString(setup).replace("<", "\\u003c"));
    return "inbox";
  }

  private List<CannedReply> cannedReplies() {
    List<CannedReply> canned = new ArrayList<>();
    for (String id : templates.catalogue().keySet()) {
      if (id.startsWith(CANNED_PREFIX)) {
        canned.add(new CannedReply(id, templates.variablesOf(id).orElseThrow().stream()
            .filter(v -> !FILLED_IN.contains(v)).toList()));
      }
    }
    return canned;
  }

  /** Operators and supervisors, each with the queues they are members of. */
  private List<TeamMember> team() {
    Map<String, User> people = new TreeMap<>();
    for (String group : List.of(Role.OPERATORS.group(), Role.SUPERVISORS.group())) {
      identity.createUserQuery().memberOfGroup(group).list().forEach(u -> people.put(u.getId(), u));
    }
    Map<String, List<String>> queuesOf = new LinkedHashMap<>();
    for (String queue : settings.queues()) {
      identity.createUserQuery().memberOfGroup(queue).list()
          .forEach(u -> queuesOf.computeIfAbsent(u.getId(), id -> new ArrayList<>()).add(queue));
    }
    return people.values().stream()
        .map(u -> new TeamMember(u.getId(), name(u), queuesOf.getOrDefault(u.getId(), List.of())))
        .toList();
  }

  private static String name(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }

  /** The page's texts for its script: every {@code inbox.} key of the pages' messages, in the reader's language. */
  private Map<String, String> texts(Locale locale) {
    Map<String, String> text = new TreeMap<>();
    for (String key : ResourceBundle.getBundle("i18n/pages", Locale.ROOT).keySet()) {
      if (key.startsWith(TEXT_PREFIX)) {
        text.put(key.substring(TEXT_PREFIX.length()), messages.getMessage(key, null, locale));
      }
    }
    return text;
  }
}
