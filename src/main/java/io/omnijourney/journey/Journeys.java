package io.omnijourney.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.Signatures;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.Deliveries;
import io.omnijourney.delivery.Delivery;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.template.MessageTemplates;
import io.omnijourney.journey.JourneyRecords.Journey;
import io.omnijourney.journey.JourneyRecords.Reply;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.omnijourney.web.NotFound;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Starts journeys and reports where they stand. */
@Service
public class Journeys {

  /** The answer to a start: {@code created} is false when an earlier request with the same key started it. */
  public record Started(Journey journey, boolean created) {}

  /**
   * A journey as {@code GET /api/journeys/{id}} shows it; {@code reply} is the customer's message
   * that reached it (null when none did), {@code replyText} that message's text, read from the inbox.
   */
  public record JourneyView(Journey journey, List<String> waitingAt, List<Delivery> deliveries, Reply reply,
      String replyText) {}

  private final Playbooks playbooks;
  private final PlaybookTemplates playbookTemplates;
  private final RuntimeService runtime;
  private final Customers customers;
  private final JourneyRecords records;
  private final IdempotencyKeys keys;
  private final Deliveries deliveries;
  private final CustomerMessages inbox;
  private final TransactionTemplate transaction;
  private final ObjectMapper canonicalJson;

  public Journeys(Playbooks playbooks, PlaybookTemplates playbookTemplates, RuntimeService runtime, Customers customers, JourneyRecords records,
      IdempotencyKeys keys, Deliveries deliveries, CustomerMessages inbox, PlatformTransactionManager transactions,
      ObjectMapper json) {
    this.playbooks = playbooks;
    this.playbookTemplates = playbookTemplates;
    this.runtime = runtime;
    this.customers = customers;
    this.records = records;
    this.keys = keys;
    this.deliveries = deliveries;
    this.inbox = inbox;
    this.transaction = new TransactionTemplate(transactions);
    this.canonicalJson = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  }

  /**
   * Starts a journey. With an {@code Idempotency-Key}, the key is claimed in the same transaction
   * as the start: of two concurrent requests with one key, one starts the journey and the other
   * finds it.
   */
  public Started start(StartJourneyRequest request, String idempotencyKey) {
    if (idempotencyKey == null) {
      return new Started(transaction.execute(s -> startNew(request, null, null)), true);
    }
    String hash = hash(request);
    Optional<Started> earlier = replay(idempotencyKey, hash);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return new Started(transaction.execute(s -> startNew(request, idempotencyKey, hash)), true);
    } catch (DuplicateKeyException raced) {
      return replay(idempotencyKey, hash).orElseThrow(() -> raced);
    }
  }

  /**
   * The playbook's latest version is looked up in the start's own transaction: outside it, the
   * lookup was a transaction of its own, one more PostgreSQL commit per journey (bench/run counts them).
   */
  private Journey startNew(StartJourneyRequest request, String key, String hash) {
    ProcessDefinition definition = latest(request.playbook());
    Map<String, Object> variables = request.variables() == null ? Map.of() : request.variables();
    List<FieldError> unrenderable = unrenderable(definition, variables, request.customer().id());
    if (!unrenderable.isEmpty()) {
      throw new InvalidRequest(unrenderable);
    }
    customers.save(request.customer());
    String journeyId = launch(definition, request.businessKey(), variables, request.customer().id(), null);
    if (key != null) {
      keys.claim(key, hash, journeyId);
    }
    return records.find(journeyId).orElseThrow();
  }

  /** A campaign's start for one customer: the journey, or why it was refused (then nothing was started). */
  public record CampaignStart(String journeyId, List<FieldError> refused) {}

  /**
   * Starts the playbook for one customer of a campaign, in the caller's transaction (the campaign's
   * batch), leaving their profile as it is. The journey carries the campaign's id, and its business
   * key is {@code <campaignId>:<customerId>}. A message of the playbook that cannot be rendered for
   * this customer (a template needs a name their profile lacks) refuses the start without throwing,
   * so the batch goes on with the next customer.
   */
  public CampaignStart startForCampaign(String campaignId, String playbook, String customerId,
      Map<String, Object> variables) {
    ProcessDefinition definition = latest(playbook);
    List<FieldError> unrenderable = unrenderable(definition, variables, customerId);
    if (!unrenderable.isEmpty()) {
      return new CampaignStart(null, unrenderable);
    }
    return new CampaignStart(launch(definition, campaignId + ":" + customerId, variables, customerId, campaignId),
        List.of());
  }

  /**
   * What a start of the playbook with these variables lacks, whoever its customer: the playbook
   * itself (not deployed), a bad variable, a variable a message template needs. What a template
   * needs of the customer's profile ({@code customer.name}) is checked at each customer's start.
   */
  public List<FieldError> startProblems(String playbook, Map<String, Object> variables) {
    List<FieldError> problems = new ArrayList<>(StartJourneyRequest.variableProblems(variables));
    Optional<ProcessDefinition> definition = playbooks.latest(playbook);
    if (definition.isEmpty()) {
      problems.add(new FieldError("playbook", "no playbook of that name is deployed; GET /api/playbooks lists them"));
    } else if (problems.isEmpty()) {
      playbookTemplates.problems(definition.get(), variables, Map::of).stream()
          .filter(problem -> !problem.field().startsWith(MessageTemplates.CUSTOMER + "."))
          .forEach(problems::add);
    }
    return problems;
  }

  private ProcessDefinition latest(String playbook) {
    return playbooks.latest(playbook).orElseThrow(() -> new NotFound("No playbook '" + playbook + "' is deployed"));
  }

  /** The problems of a start whose messages the customer's stored profile and the variables cannot fill. */
  private List<FieldError> unrenderable(ProcessDefinition definition, Map<String, Object> variables, String customerId) {
    return playbookTemplates.problems(definition, variables,
        () -> customers.find(customerId).map(customers::templateModel).orElse(Map.of()));
  }

  private String launch(ProcessDefinition definition, String businessKey, Map<String, Object> variables,
      String customerId, String campaignId) {
    Map<String, Object> all = new HashMap<>(variables);
    all.put(Vars.CUSTOMER_ID, customerId);
    if (campaignId != null) {
      all.put(Vars.CAMPAIGN_ID, campaignId);
    }
    return runtime.startProcessInstanceById(definition.getId(), businessKey, all).getId();
  }

  private Optional<Started> replay(String key, String hash) {
    return keys.find(key).map(claim -> {
      if (!claim.requestHash().equals(hash)) {
        throw new IdempotencyKeyReused(key);
      }
      Journey journey = records.find(claim.journeyId()).orElseThrow();
      // The same answer as the first time: the journey as it was created.
      return new Started(new Journey(journey.id(), journey.playbook(), journey.processDefinitionId(),
          journey.businessKey(), journey.customerId(), JourneyStatus.ACTIVE, null, journey.createdAt(), null,
          journey.campaignId(), null), false);
    });
  }

  public JourneyView find(String journeyId) {
    Journey journey = records.find(journeyId)
        .orElseThrow(() -> new NotFound("No journey '" + journeyId + "'"));
    List<String> waitingAt = new ArrayList<>();
    if (journey.status() == JourneyStatus.ACTIVE) {
      ActivityInstance tree = runtime.getActivityInstance(journeyId);
      if (tree != null) {
        collectLeaves(tree, waitingAt);
      }
    }
    Reply reply = records.reply(journeyId).orElse(null);
    String replyText = reply == null ? null
        : inbox.byId(reply.messageId()).map(CustomerMessages.Stored::text).orElse(null);
    return new JourneyView(journey, waitingAt, deliveries.ofJourney(journeyId), reply, replyText);
  }

  private static void collectLeaves(ActivityInstance instance, List<String> names) {
    for (TransitionInstance transition : instance.getChildTransitionInstances()) {
      names.add(transition.getActivityName() != null ? transition.getActivityName() : transition.getActivityId());
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      if (child.getChildActivityInstances().length == 0 && child.getChildTransitionInstances().length == 0) {
        names.add(child.getActivityName() != null ? child.getActivityName() : child.getActivityId());
      } else {
        collectLeaves(child, names);
      }
    }
  }

  private String hash(StartJourneyRequest request) {
    try {
      return Signatures.sha256Hex(canonicalJson.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key was used before for a different request: answered 422. */
  public static class IdempotencyKeyReused extends RuntimeException {
    public IdempotencyKeyReused(String key) {
      super("The Idempotency-Key was already used for a different request");
    }
  }
}
