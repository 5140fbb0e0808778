package io.omnijourney.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnijourney.Transactions;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.ChannelProvider;
import io.omnijourney.channel.ChannelProvider.Lookup;
import io.omnijourney.channel.ChannelProviders;
import io.omnijourney.channel.Mask;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.UnsubscribeLinks;
import io.omnijourney.customer.Customer;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.DeliveryLedger.NewDelivery;
import io.omnijourney.delivery.DeliveryLedger.SentStep;
import io.omnijourney.kpi.KpiMetrics;
import io.omnijourney.template.MessageTemplates;
import io.omnijourney.template.MessageTemplates.TemplateException;
import io.omnijourney.template.RenderedMessage;
import io.omnijourney.template.SmsSegments;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends one message of a journey, at most once per delivery.
 *
 * <p>The ledger row is committed before and after the provider call, each time in a transaction
 * of its own. A job retried after a crash finds the row: if the provider already accepted the
 * message, it is not called again; if the answer was lost, the provider is asked by our reference
 * where it can tell, and otherwise the delivery is marked uncertain rather than sent twice.
 */
@Service
public class Deliveries {

  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

  private final DeliveryLedger ledger;
  private final ChannelProviders providers;
  private final Customers customers;
  private final ChannelBlocks blocks;
  private final UnsubscribeLinks unsubscribeLinks;
  private final EmailOpens emailOpens;
  private final MessageTemplates templates;
  private final DeliveryReports reports;
  private final Transactions transactions;
  private final MeterRegistry meters;
  private final KpiMetrics kpis;

  public Deliveries(
      DeliveryLedger ledger,
      ChannelProviders providers,
      Customers customers,
      ChannelBlocks blocks,
      UnsubscribeLinks unsubscribeLinks,
      EmailOpens emailOpens,
      MessageTemplates templates,
      DeliveryReports reports,
      Transactions transactions,
      MeterRegistry meters,
      KpiMetrics kpis) {
    this.ledger = ledger;
    this.providers = providers;
    this.customers = customers;
    this.blocks = blocks;
    this.unsubscribeLinks = unsubscribeLinks;
    this.emailOpens = emailOpens;
    this.templates = templates;
    this.reports = reports;
    this.transactions = transactions;
    this.meters = meters;
    this.kpis = kpis;
  }

  /**
   * @return the delivery, accepted (or uncertain) by the provider
   * @throws SendFailure when the provider did not take the message
   */
  public Delivery send(SendRequest request) {
    NewDelivery planned = new NewDelivery(request.sendKey(), request.journeyId(), request.activityId(),
        request.customerId(), request.channel(), request.template(), request.policyNote(), request.messageRef());
    Delivery earlier = ledger.findBySendKey(request.sendKey()).orElse(null);
    if (earlier != null && earlier.status() == DeliveryStatus.REJECTED) {
      throw new SendFailure.Rejected(earlier.id(), earlier.errorMessage());
    }
    if (earlier != null && earlier.status() != DeliveryStatus.PENDING) {
      log.info("Delivery {} already {} by {}; not sending again", earlier.id(), earlier.status(), earlier.provider());
      return earlier;
    }
    if (earlier != null && earlier.inFlight() && earlier.provider() != null
        && !safeToSendAgain(earlier, providers.named(earlier.provider()))) {
      return reload(earlier.id());
    }
    boolean first = earlier == null;
    ChannelProvider provider = earlier == null ? providers.forChannel(request.channel())
        : providers.forChannel(request.channel(), earlier.provider(), earlier.attempts());
    String id = earlier != null ? earlier.id() : UUID.randomUUID().toString();
    Customer customer = customerOf(request, planned, id, first);
    String address = customer.addressOn(request.channel());
    if (address == null) {
      throw reject(request, planned, id, first, "no-address", "The customer has no " + request.channel().id() + " address");
    }
    Block block = blocks.blocked(customer.id(), request.channel(), address).orElse(Block.NONE);
    if (block != Block.NONE) {
      throw reject(request, planned, id, first, block.name().toLowerCase().replace('_', '-'),
          "The customer's " + request.channel().id() + " address is blocked: " + block.name().toLowerCase());
    }
    OutboundMessage message = compose(request, id, customer, address);
    Integer segments = request.channel() == Channel.SMS ? SmsSegments.count(message.text()) : null;
    writeAttempt(request, first, () -> ledger.startAttempt(planned, id, provider.name(), Mask.recipient(address), segments));

    long started = System.nanoTime();
    SendOutcome outcome = providers.send(provider, message);
    count(provider, request.channel(), outcome, Duration.ofNanos(System.nanoTime() - started));
    if (outcome instanceof SendOutcome.Accepted accepted) {
      transactions.inOwn(() -> ledger.recordAccepted(id, accepted.providerMessageId()));
      log.info("Delivery {} on {} accepted by {} as {}", id, request.channel().id(), provider.name(),
          accepted.providerMessageId());
      reports.applyWaiting(provider.name(), accepted.providerMessageId());
      return reload(id);
    }
    if (outcome instanceof SendOutcome.Permanent permanent) {
      transactions.inOwn(() -> {
        ledger.recordRejected(id, permanent.code(), permanent.reason());
        blocks.block(customer.id(), request.channel(), address, permanent.block(), provider.name(), permanent.code());
      });
      throw new SendFailure.Rejected(id, describe(provider, permanent.code(), permanent.reason()));
    }
    if (outcome instanceof SendOutcome.Transient failure) {
      transactions.inOwn(() -> ledger.recordNotSent(id, failure.code(), failure.reason()));
      String retry = failure.retryAfter() == null ? "" : " (retry after " + failure.retryAfter() + ")";
      throw new SendFailure.Transient(id, describe(provider, failure.code(), failure.reason()) + retry,
          failure.retryAfter(), ChannelProviders.THROTTLED.equals(failure.code()));
    }
    SendOutcome.Misconfigured problem = (SendOutcome.Misconfigured) outcome;
    transactions.inOwn(() -> ledger.recordNotSent(id, problem.code(), problem.reason()));
    throw new SendFailure.Misconfigured(id,
        "Configuration problem: " + describe(provider, problem.code(), problem.reason()));
  }

  /**
   * An earlier attempt called the provider and never recorded the answer (a crash or a timeout).
   * Returns true when it is safe to send: the provider says it has no such message.
   */
  private boolean safeToSendAgain(Delivery delivery, ChannelProvider provider) {
    Lookup lookup = provider.lookup(delivery.id());
    switch (lookup.kind()) {
      case FOUND -> {
        transactions.inOwn(() -> ledger.recordAccepted(delivery.id(), lookup.providerMessageId()));
        reports.applyWaiting(provider.name(), lookup.providerMessageId());
        log.warn("Delivery {}: the answer of an earlier attempt was lost; {} has it as {}", delivery.id(),
            provider.name(), lookup.providerMessageId());
        return false;
      }
      case UNSUPPORTED -> {
        transactions.inOwn(() -> ledger.recordUncertain(delivery.id()));
        log.warn("Delivery {}: the answer of an earlier attempt was lost and {} cannot be asked; marked uncertain,"
            + " not sent again", delivery.id(), provider.name());
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  private Customer customerOf(SendRequest request, NewDelivery planned, String id, boolean first) {
    return (request.customerId() == null ? Optional.<Customer>empty() : customers.find(request.customerId()))
        .orElseThrow(() -> reject(request, planned, id, first, "no-customer", "The journey has no customer profile"));
  }

  /** Rejects a send that no provider could take, without calling one. */
  private SendFailure.Rejected reject(SendRequest request, NewDelivery planned, String id, boolean first, String code,
      String reason) {
    writeAttempt(request, first, () -> ledger.rejectBeforeSending(planned, id, code, reason));
    return new SendFailure.Rejected(id, reason);
  }

  private OutboundMessage compose(SendRequest request, String id, Customer customer, String address) {
    Map<String, Object> model = new HashMap<>(request.variables());
    model.put("locale", customer.locale() == null ? "en" : customer.locale());
    model.put(MessageTemplates.CUSTOMER, customers.templateModel(customer));
    String unsubscribeUrl = request.channel() == Channel.EMAIL
        ? unsubscribeLinks.linkFor(customer.id(), Channel.EMAIL) : null;
    if (unsubscribeUrl != null) {
      model.put("unsubscribeUrl", unsubscribeUrl);
    }
    try {
      RenderedMessage rendered = templates.render(request.template(), request.channel(), customer.locale(), model);
      String html = request.channel() == Channel.EMAIL ? emailOpens.withPixel(rendered.html(), id) : rendered.html();
      return new OutboundMessage(id, request.channel(), address, rendered.subject(), rendered.text(), html,
          unsubscribeUrl);
    } catch (TemplateException e) {
      throw new SendFailure.Misconfigured(id, e.getMessage());
    }
  }

  private Delivery reload(String id) {
    return ledger.find(id).orElseThrow();
  }

  public List<Delivery> ofJourney(String journeyId) {
    return ledger.findByJourney(journeyId);
  }

  /**
   * The message of ours a customer's message answers: an email's {@code In-Reply-To} names our
   * {@code Message-ID}, which is the delivery's provider message id.
   */
  public Optional<Delivery> answered(Channel channel, String providerMessageId) {
    return ledger.findByChannelMessage(channel, providerMessageId);
  }

  /** The deliveries of one message a journey named ({@link SendRequest#messageRef()}), oldest first. */
  public List<Delivery> ofMessage(String messageRef) {
    return ledger.findByMessageRef(messageRef);
  }

  private void count(ChannelProvider provider, Channel channel, SendOutcome outcome, Duration took) {
    String name = outcome.getClass().getSimpleName().toLowerCase();
    meters.counter("omnijourney.provider.calls", "provider", provider.name(), "channel", channel.id(),
        "outcome", name).increment();
    kpis.sent(channel.id(), provider.name(), name, took);
  }

  /**
   * Writes a delivery's row before its provider call (or its rejection), committed at once. The
   * first write of a delivery also records, in the same transaction, whether it is a fallback: a new
   * send of a message whose last send in the journey went out on another channel means that one fell
   * back (the KPIs' fallback, docs/kpis.md), so it is marked and counted, once per delivery.
   */
  private void writeAttempt(SendRequest request, boolean first, Runnable write) {
    transactions.inOwn(() -> {
      Optional<SentStep> fellBack = first
          ? ledger.markFellBack(request.journeyId(), request.template(), request.channel()) : Optional.empty();
      write.run();
      return fellBack;
    }).ifPresent(step -> kpis.fellBack(step.playbook(), step.activityId()));
  }

  private static String describe(ChannelProvider provider, String code, String reason) {
    return provider.name() + " answered " + code + ": " + reason;
  }
}
