package io.omnijourney.conversation;

/** Where a conversation stands: an operator's turn, the customer's turn, or done. */
public enum ConversationStatus {
  OPEN,
  WAITING_FOR_CUSTOMER,
  RESOLVED
}
