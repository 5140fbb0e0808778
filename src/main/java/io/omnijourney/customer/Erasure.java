package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a customer on request (fault 16 of docs/reliability.md): afterwards no row names their phone,
 * email or ids. This is the one place that knows every table holding personal data, so a new
 * table that holds some must be added here.
 * <ul>
 *   <li>their running journeys are cancelled, and every journey's engine history is deleted, with
 *       that of the diagrams it called;
 *   <li>our records of those journeys go: journey rows, idempotency keys, the delivery ledger, the
 *       provider events (their reports) about those deliveries, and what the sandbox sent them;
 *   <li>their conversations with the team's replies, notes (comments in the journeys' history),
 *       calls and labels;
 *   <li>their own messages in the inbox, their opt-outs and blocks, the frequency cap's count of
 *       their marketing messages, their tags and attributes, the times they read or replied at,
 *       their place in campaigns' audiences, and the profile itself.
 * </ul>
 * All of it happens in one transaction: an erasure that fails half-way leaves everything as it was.
 */
@Service
public class Erasure {

  private static final Logger log = LoggerFactory.getLogger(Erasure.class);

  private final JdbcClient jdbc;
  private final Customers customers;
  private final RuntimeService runtime;
  private final HistoryService history;

  public Erasure(JdbcClient jdbc, Customers customers, RuntimeService runtime, HistoryService history) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.runtime = runtime;
    this.history = history;
  }

  /** @return false when there is no such customer */
  @Transactional
  public boolean erase(String customerId) {
    Customer customer = customers.find(customerId).orElse(null);
    if (customer == null) {
      return false;
    }
    List<String> addresses = Arrays.stream(Channel.values()).map(customer::addressOn).filter(Objects::nonNull)
        .distinct().toList();
    List<String> journeys = jdbc.sql("SELECT id FROM journey WHERE customer_id = ?").param(customerId)
        .query(String.class).list();
    for (String journey : journeys) {
      if (runtime.createProcessInstanceQuery().processInstanceId(journey).count() > 0) {
        runtime.deleteProcessInstance(journey, "customer erased", true, true);
      }
    }
    List<String> finished = new ArrayList<>(journeys.stream()
        .filter(journey -> history.createHistoricProcessInstanceQuery().processInstanceId(journey).count() > 0)
        .toList());
    // The diagrams a journey called ("Deliver with fallback") have a history of their own.
    for (int i = 0; i < finished.size(); i++) {
      history.createHistoricProcessInstanceQuery().superProcessInstanceId(finished.get(i)).list()
          .forEach(called -> finished.add(called.getId()));
    }
    if (!finished.isEmpty()) {
      history.deleteHistoricProcessInstances(finished);
    }
    List<String> deliveries = jdbc.sql("SELECT id FROM delivery WHERE customer_id = ?")
        .param(customerId).query(String.class).list();
    for (String delivery : deliveries) {
      jdbc.sql("DELETE FROM webhook_event WHERE delivery_id = ?").param(delivery).update();
      jdbc.sql("DELETE FROM webhook_event WHERE EXISTS (SELECT 1 FROM delivery d WHERE d.id = ?"
          + " AND d.provider = webhook_event.provider AND d.provider_message_id = webhook_event.provider_message_id)")
          .param(delivery).update();
      jdbc.sql("DELETE FROM sandbox_outbox WHERE reference = ?").param(delivery).update();
    }
    for (String address : addresses) {
      jdbc.sql("DELETE FROM sandbox_outbox WHERE recipient = ?").param(address).update();
      jdbc.sql("DELETE FROM inbound_message WHERE sender_ref = ?").param(address).update();
    }
    jdbc.sql("DELETE FROM delivery WHERE customer_id = ?").param(customerId).update();
    for (String journey : journeys) {
      jdbc.sql("DELETE FROM delivery WHERE journey_id = ?").param(journey).update();
      jdbc.sql("DELETE FROM idempotency_key WHERE journey_id = ?").param(journey).update();
    }
    // Their conversations: the operators' replies, calls and labels; the notes are comments in the
    // journeys' history, deleted with it above.
    for (String table : List.of("conversation_reply", "conversation_call", "conversation_label")) {
      jdbc.sql("DELETE FROM " + table + " WHERE conversation_id IN (SELECT id FROM conversation WHERE customer_id = ?)")
          .param(customerId).update();
    }
    jdbc.sql("DELETE FROM conversation WHERE customer_id = ?").param(customerId).update();
    jdbc.sql("DELETE FROM journey WHERE customer_id = ?").param(customerId).update();
    jdbc.sql("DELETE FROM inbound_message WHERE customer_id = ?").param(customerId).update();
    jdbc.sql("DELETE FROM channel_block WHERE customer_id = ?").param(customerId).update();
    jdbc.sql("DELETE FROM marketing_contact WHERE customer_id = ?").param(customerId).update();
    jdbc.sql("DELETE FROM customer_tag WHERE customer_id = ?").param(customerId).update();
    jdbc.sql("DELETE FROM customer_attribute WHERE customer_id = ?").param(customerId).update();
    jdbc.sql("DELETE FROM customer_engagement_time WHERE customer_id = ?").param(customerId).update();
    // A campaign whose walk stopped at them goes on from the customer it handled before them.
    jdbc.sql("UPDATE campaign SET cursor_id = (SELECT MAX(m.customer_id) FROM campaign_member m"
        + " WHERE m.campaign_id = campaign.id AND m.customer_id < ?) WHERE cursor_id = ?")
        .params(customerId, customerId).update();
    jdbc.sql("DELETE FROM campaign_member WHERE customer_id = ?").param(customerId).update();
    jdbc.sql("DELETE FROM campaign_audience WHERE customer_id = ?").param(customerId).update();
    jdbc.sql("DELETE FROM customer WHERE id = ?").param(customerId).update();
    log.info("A customer was erased with {} journeys and {} deliveries", journeys.size(), deliveries.size());
    return true;
  }
}
