package io.omnijourney.conversation;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One conversation as the inbox lists it. {@code channel} is the channel of the customer's latest
 * message, where replies go first; {@code ticketNumber} is what the customer was told.
 */
public record Conversation(
    String conversationId,
    String ticketNumber,
    String journeyId,
    String customerId,
    String channel,
    ConversationStatus status,
    String queue,
    String assignee,
    List<String> labels,
    String topic,
    OffsetDateTime firstResponseDueAt,
    OffsetDateTime firstResponseAt,
    boolean breached,
    boolean repeatContact,
    OffsetDateTime createdAt,
    OffsetDateTime lastMessageAt,
    OffsetDateTime resolvedAt,
    String resolution,
    Integer csat) {

  /** The number the customer sees: the first eight characters of the id, in capitals. */
  public static String ticketNumberOf(String conversationId) {
    return conversationId.replace("-", "").substring(0, 8).toUpperCase(java.util.Locale.ROOT);
  }

  public boolean open() {
    return status != ConversationStatus.RESOLVED;
  }
}
