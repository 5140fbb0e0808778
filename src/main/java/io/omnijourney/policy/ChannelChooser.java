package io.omnijourney.policy;

import io.omnijourney.bpmn.Bpmn.Decisions;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.Channel;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.ContactFormats;
import io.omnijourney.customer.Customer;
import io.omnijourney.customer.Customers;
import io.omnijourney.template.MessageTemplates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Chooses the channels of one message, one at a time.
 *
 * <p>The order comes from {@code bpmn/channel-policy.dmn} (playbook, category, country), which
 * analysts edit; the channels the customer stated go first, or else the channel on which they last
 * read or replied. It is fixed for the message when the first channel is chosen. Each next channel
 * is the first of that order not tried yet that the customer can get: they have an address there,
 * have not opted out of it and it is not blocked, and the message's template has a text for it.
 */
@Service
public class ChannelChooser {

  private static final Logger log = LoggerFactory.getLogger(ChannelChooser.class);

  /** The next channel, if any is left; the message's channel order; the channels tried or skipped so far. */
  public record Choice(Optional<Channel> channel, List<Channel> plan, List<Channel> tried) {}

  private final DecisionService decisions;
  private final Customers customers;
  private final ChannelBlocks blocks;
  private final MessageTemplates templates;

  public ChannelChooser(@Lazy DecisionService decisions, Customers customers, ChannelBlocks blocks,
      MessageTemplates templates) {
    this.decisions = decisions;
    this.customers = customers;
    this.blocks = blocks;
    this.templates = templates;
  }

  /**
   * @param plan the message's channel order if one was chosen before, else null
   * @param tried the channels tried or skipped so far for the message
   */
  public Choice next(String customerId, String playbook, MessageCategory category, String template,
      List<Channel> plan, List<Channel> tried) {
    return next(customerId, playbook, category, template, plan, tried, null);
  }

  /** @param first a channel to put before the order, when the order is chosen now (null: none) */
  public Choice next(String customerId, String playbook, MessageCategory category, String template,
      List<Channel> plan, List<Channel> tried, Channel first) {
    Customer customer = customerId == null ? null : customers.find(customerId).orElse(null);
    if (customer == null) {
      return new Choice(Optional.empty(), plan == null ? List.of() : plan, tried);
    }
    List<Channel> order = plan != null ? plan : firstOf(first, order(customer, playbook, category));
    List<Channel> nowTried = new ArrayList<>(tried);
    for (Channel channel : order) {
      if (nowTried.contains(channel)) {
        continue;
      }
      nowTried.add(channel);
      String unusable = unusable(customer, channel, template);
      if (unusable == null) {
        return new Choice(Optional.of(channel), order, nowTried);
      }
      log.info("{}: skipping {} for template {}: {}", customer, channel.id(), template, unusable);
    }
    return new Choice(Optional.empty(), order, nowTried);
  }

  /**
   * Every channel the message can go on now, in the policy's order (the customer's preferred ones
   * first): for a message sent on all of them at once rather than one after the other. Empty for an
   * unknown customer.
   */
  public List<Channel> reachable(String customerId, String playbook, MessageCategory category, String template) {
    Customer customer = customerId == null ? null : customers.find(customerId).orElse(null);
    if (customer == null) {
      return List.of();
    }
    List<Channel> reachable = new ArrayList<>();
    for (Channel channel : order(customer, playbook, category)) {
      String unusable = unusable(customer, channel, template);
      if (unusable == null) {
        reachable.add(channel);
      } else {
        log.info("{}: not sending template {} on {}: {}", customer, template, channel.id(), unusable);
      }
    }
    return reachable;
  }

  /**
   * Whether a message of the playbook could reach a customer at all: a channel of the policy on which
   * they have an address, and no opt-out or block there. A campaign skips those it could not reach.
   * The answer serves many customers: the policy is evaluated once per country (the decision table
   * costs more than the rest of the check), so take a new one for each batch of customers, and a
   * policy an analyst deploys meanwhile counts from the next.
   */
  public Predicate<String> reachability(String playbook, MessageCategory category) {
    Map<String, List<Channel>> byCountry = new HashMap<>();
    return customerId -> customers.find(customerId)
        .map(customer -> byCountry.computeIfAbsent(country(customer), country -> policy(playbook, category, country))
            .stream().anyMatch(channel -> unusable(customer, channel, null) == null))
        .orElse(false);
  }

  /** The policy's channels for the message, the customer's preferred ones first. */
  List<Channel> order(Customer customer, String playbook, MessageCategory category) {
    List<Channel> policy = policy(playbook, category, country(customer));
    List<Channel> preferred = customers.statedChannels(customer.id());
    if (preferred.isEmpty()) {
      preferred = customers.learnedChannel(customer.id()).map(List::of).orElse(List.of());
    }
    LinkedHashSet<Channel> order = new LinkedHashSet<>();
    preferred.stream().filter(policy::contains).forEach(order::add);
    order.addAll(policy);
    return List.copyOf(order);
  }

  private static List<Channel> firstOf(Channel first, List<Channel> order) {
    if (first == null) {
      return order;
    }
    LinkedHashSet<Channel> withFirst = new LinkedHashSet<>();
    withFirst.add(first);
    withFirst.addAll(order);
    return List.copyOf(withFirst);
  }

  /** The country of the customer's phone (or WhatsApp) number, which the policy may tell apart; "" when unknown. */
  private static String country(Customer customer) {
    return ContactFormats.country(customer.phone() != null ? customer.phone() : customer.whatsapp()).orElse("");
  }

  /** Evaluates the latest deployed channel policy. */
  private List<Channel> policy(String playbook, MessageCategory category, String country) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(Decisions.CHANNEL_POLICY)
        .variables(Variables.createVariables()
            .putValue(Decisions.PLAYBOOK, playbook)
            .putValue(Vars.CATEGORY, category.id())
            .putValue(Decisions.COUNTRY, country))
        .evaluate();
    if (result.isEmpty() || result.getFirstResult().getEntry(Decisions.CHANNELS) == null) {
      throw new IllegalStateException("channel-policy.dmn has no rule for playbook '" + playbook + "', category "
          + category.id() + ", country '" + country + "'; add one, or a last rule that matches any");
    }
    String channels = result.getFirstResult().getEntry(Decisions.CHANNELS).toString();
    try {
      return Channel.listOf(channels);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("channel-policy.dmn: " + e.getMessage(), e);
    }
  }

  private String unusable(Customer customer, Channel channel, String template) {
    String address = customer.addressOn(channel);
    if (address == null) {
      return "no address";
    }
    if (blocks.blocked(customer.id(), channel, address).isPresent()) {
      return "opted out or blocked";
    }
    if (template != null && !templates.exists(template, channel)) {
      return "the template has no text for it";
    }
    return null;
  }
}
