package io.omnijourney.bpmn;

import java.util.Set;

/**
 * The one place for the names that Java code and the BPMN diagrams share: variables, messages,
 * events, errors and extension properties. The element ids tests refer to are in the tests
 * ({@code io.omnijourney.support.PlaybookIds}), checked against the diagrams.
 */
public final class Bpmn {

  private Bpmn() {}

  /** Process variables and task inputs/outputs. */
  public static final class Vars {
    private Vars() {}

    public static final String CUSTOMER_ID = "customerId";
    /** Input of a send task: sms, whatsapp, telegram, viber, email or push. */
    public static final String CHANNEL = "channel";
    /** Input of a send task: the message template id. */
    public static final String TEMPLATE = "template";
    /** Output of a send task and input of a delivery wait: the ledger id of one delivery. */
    public static final String DELIVERY_ID = "deliveryId";
    /** Counts the sends a journey has committed; makes a retried send reuse its delivery. */
    public static final String SEND_SEQUENCE = "sendSequence";
    /** Prefix of the variables that carry customer contact data into a journey started through engine-rest. */
    public static final String CUSTOMER_PREFIX = "customer";
    /** Set by the "Handle undeliverable customer" form. */
    public static final String OPERATOR_DECISION = "decision";
    public static final String DECISION_RETRY = "retry";
    public static final String DECISION_CLOSE = "close";
    public static final String CORRECTED_PHONE = "correctedPhone";
    public static final String CORRECTED_WHATSAPP = "correctedWhatsapp";
    public static final String CORRECTED_EMAIL = "correctedEmail";
    /** Output of a send task: whether the channel reports delivery (Telegram and push do not). */
    public static final String REPORTS_DELIVERY = "reportsDelivery";
    /** Input of "Deliver with fallback": transactional or marketing. */
    public static final String CATEGORY = "category";
    /** "Deliver with fallback": the channel order chosen for the message, comma-separated. */
    public static final String CHANNEL_PLAN = "channelPlan";
    /** "Deliver with fallback": the channels used or skipped so far for the message. */
    public static final String TRIED_CHANNELS = "triedChannels";
    /**
     * Before a marketing send, when the analyst wants it: {@link #PLAYBOOK_TIME} (or no value) when the
     * playbook gets there, {@link #BEST_HOUR} at the customer's best hour. In "Deliver with fallback" the
     * contact-window check then replaces it with when the window opens, or null to send now.
     */
    public static final String SEND_AT = "sendAt";
    public static final String PLAYBOOK_TIME = "playbookTime";
    public static final String BEST_HOUR = "bestHour";
    /** Why the next send waited (quiet hours, the frequency cap); recorded on its delivery. */
    public static final String POLICY_NOTE = "policyNote";
    /** Output of "Deliver with fallback": the channel that delivered, absent when none did. */
    public static final String DELIVERED_CHANNEL = "deliveredChannel";
    /** Set with customer-replied from the inbox: the channel the customer wrote on (sms, whatsapp, ...). */
    public static final String REPLY_CHANNEL = "replyChannel";
    /** Set with customer-replied from the inbox: when the customer wrote (the provider's time if it gave one). */
    public static final String REPLIED_AT = "repliedAt";
    /** Set with customer-replied from the inbox: the inbox row of the reply; its text stays in the inbox. */
    public static final String REPLY_MESSAGE_ID = "replyMessageId";
    /** Set with customer-replied from the inbox: true when the reply was an opt-out keyword (STOP), not feedback. */
    public static final String REPLY_OPT_OUT = "replyOptOut";
    /**
     * Optional input of "Deliver with fallback": the channel to try first, before the policy's
     * order (an operator who answers on a chosen channel).
     */
    public static final String FIRST_CHANNEL = "firstChannel";
    /**
     * Input of "Time before": the moment a reminder is counted back from, an ISO-8601 date-time
     * with its offset (an appointment, the end of a promotion).
     */
    public static final String DEADLINE = "deadline";
    /** Input of "Time before": how long before the deadline, an ISO-8601 duration (P1D, PT3H). */
    public static final String LEAD = "lead";
    /** Output of "Time before": the deadline less the lead, or null when that moment has passed. */
    public static final String DUE_AT = "dueAt";
    /** Output of "Time before": the deadline itself, or null when it has passed. */
    public static final String DEADLINE_AT = "deadlineAt";
    /**
     * Output of "Find reachable channels": the channels a message can go on now, in the policy's
     * order, for a multi-instance to send on each at once. Transient: it lives until the next wait.
     */
    public static final String REACHABLE_CHANNELS = "reachableChannels";
    /**
     * Which message of a journey its deliveries carry, when the journey sends several of one kind
     * (an operator's reply: {@code reply:<id>}); recorded on each delivery, fallbacks included.
     */
    public static final String MESSAGE_REF = "messageRef";

    /** Set on the journeys a campaign starts: the campaign's id (the journey table records it for the KPIs). */
    public static final String CAMPAIGN_ID = "campaignId";
    /** Input of "Split A/B": the variants and their weights, e.g. {@code A:70, B:30}. */
    public static final String VARIANTS = "variants";
    /** Output of "Split A/B": the variant the customer is in, e.g. A (the journey table records it). */
    public static final String VARIANT = "variant";

    // The support conversation (bpmn/support-conversation.bpmn).
    /** The conversation's id; also the journey's business key. */
    public static final String CONVERSATION_ID = "conversationId";
    /** The short number the customer sees ("your request 3F2A19C4"). */
    public static final String TICKET_NUMBER = "ticketNumber";
    /** The first message's text, transient: only the topic decision reads it, nothing stores it. */
    public static final String MESSAGE_TEXT = "messageText";
    /** Output of the topic decision: order-not-arrived, pre-sale, ... */
    public static final String TOPIC = "topic";
    /** Output of the queue decision: the candidate group of the conversation's tasks. */
    public static final String QUEUE = "queue";
    /** The operator who owns the conversation, or null; its tasks are assigned to them. */
    public static final String OWNER = "owner";
    /** The channel of the customer's latest message. */
    public static final String CONVERSATION_CHANNEL = "conversationChannel";
    /** Where the acknowledgement goes: email when the customer has one, else their channel. */
    public static final String ACK_CHANNEL = "ackChannel";
    /** Whether the team works now (working hours); outside them the customer gets the away reply. */
    public static final String TEAM_AT_WORK = "teamAtWork";
    /** When the team is back, as the away reply says it. */
    public static final String BACK_AT = "backAt";
    /** The whole thread of every channel, as the operator's form shows it. */
    public static final String CONVERSATION_HISTORY = "conversationHistory";
    /** The operator's choice in "Answer the customer": reply or resolve. */
    public static final String ACTION = "action";
    public static final String ACTION_REPLY = "reply";
    public static final String ACTION_RESOLVE = "resolve";
    public static final String REPLY_ID = "replyId";
    public static final String REPLY_TEXT = "replyText";
    public static final String REPLY_TEMPLATE = "replyTemplate";
    public static final String REPLY_AUTHOR = "replyAuthor";
    public static final String RESOLUTION = "resolution";
    public static final String CALL_OUTCOME = "callOutcome";
    public static final String CALL_SUMMARY = "callSummary";
    public static final String CALL_DURATION = "callDurationSeconds";
    public static final String CALL_AUTHOR = "callAuthor";
    /** Set by "Record call" for the summary's sections. */
    public static final String CALL_REACHED = "callReached";
    public static final String CALL_NO_ANSWER = "callNoAnswer";
    public static final String CALL_BACK = "callBack";
    /** The customer's answer to the satisfaction survey, 1 to 5. */
    public static final String SURVEY_SCORE = "surveyScore";
  }

  /** Decision tables in bpmn/*.dmn. */
  public static final class Decisions {
    private Decisions() {}

    /** bpmn/channel-policy.dmn: playbook, category, country to the ordered channel list. */
    public static final String CHANNEL_POLICY = "channelPolicy";
    /** Its inputs. */
    public static final String PLAYBOOK = "playbook";
    public static final String COUNTRY = "country";
    /** Its output: channel ids in order, e.g. "sms, whatsapp, email". */
    public static final String CHANNELS = "channels";
    /** bpmn/support-topics.dmn: the first message's text to its topic. */
    public static final String SUPPORT_TOPIC = "supportTopic";
    /** bpmn/support-topics.dmn: the topic to the queue that answers it. */
    public static final String SUPPORT_QUEUE = "supportQueue";
  }

  /** Message names correlated by code. */
  public static final class Messages {
    private Messages() {}

    /** The provider reported the message delivered or read. */
    public static final String DELIVERY_CONFIRMED = "delivery-confirmed";
    /** The provider reported the message failed or undelivered. */
    public static final String DELIVERY_FAILED = "delivery-failed";
    /**
     * The customer read the message (WhatsApp, Viber) or opened the email. A "Wait for delivery"
     * on this message is not ended by "delivered", only by "read" or a failure.
     */
    public static final String DELIVERY_READ = "delivery-read";
    /** The customer wrote again in a conversation that waits for them. */
    public static final String CONVERSATION_MESSAGE = "conversation-message";
    /** The customer wrote outside working hours in a conversation that has had no away reply yet. */
    public static final String AFTER_HOURS_MESSAGE = "after-hours-message";
    /** An operator answered a conversation that waits for the customer (a follow-up). */
    public static final String OPERATOR_REPLIED = "operator-replied";
    /** An operator logged a call outside the "Call the customer" task. */
    public static final String CALL_LOGGED = "call-logged";
    /** An operator resolved a conversation that waits for the customer. */
    public static final String CONVERSATION_RESOLVED = "conversation-resolved";
    /** The customer answered the satisfaction survey with a score. */
    public static final String SURVEY_ANSWERED = "survey-answered";
  }

  /**
   * Business events: applications post them to {@code POST /api/events} with a journey's business
   * key, and diagrams wait for them by message name. A new one is added here (the model lint reads
   * this list, so a misspelt name in a diagram fails the build).
   */
  public static final class Events {
    private Events() {}

    /** A purchase or conversion: ends a campaign. */
    public static final String PURCHASE_COMPLETED = "purchase-completed";
    /** A payment: ends a payment reminder. */
    public static final String PAYMENT_RECEIVED = "payment-received";
    /** A checkout: ends an abandoned-cart reminder. */
    public static final String CHECKOUT_COMPLETED = "checkout-completed";
    /** A customer's reply on any channel. */
    public static final String CUSTOMER_REPLIED = "customer-replied";
    /**
     * A customer's reply of yes (1, yes, да, بله), e.g. confirming an appointment. This and the two
     * answers below reach a journey waiting for them instead of customer-replied; any other message
     * is left to the journeys waiting for any reply, or to the support inbox.
     */
    public static final String CUSTOMER_CONFIRMED = "customer-confirmed";
    /** A customer's reply of no (2, no, нет, خیر), e.g. cancelling an appointment. */
    public static final String CUSTOMER_DECLINED = "customer-declined";
    /** A customer's reply that is an opt-out keyword (STOP, СТОП, لغو): nothing more is to be sent. */
    public static final String CUSTOMER_OPTED_OUT = "customer-opted-out";

    /**
     * The events that are a playbook's goal: a journey that catches one converted (KPIs). A reply
     * is engagement, not a goal. A method, so that the constants above stay this class's only fields.
     */
    public static Set<String> goals() {
      return Set.of(PURCHASE_COMPLETED, PAYMENT_RECEIVED, CHECKOUT_COMPLETED);
    }
  }

  /** BPMN error codes thrown by code. */
  public static final class Errors {
    private Errors() {}

    /** The provider refused the message for good: invalid address, opt-out, blocked. */
    public static final String DELIVERY_REJECTED = "delivery-rejected";
    /** "Deliver with fallback" has tried every channel the policy and the customer allow. */
    public static final String NO_CHANNEL_LEFT = "no-channel-left";
  }

  /** Extension properties analysts set in the Modeler. */
  public static final class Properties {
    private Properties() {}

    /** On an end event: the journey status it stands for, e.g. FAILED. */
    public static final String JOURNEY_STATUS = "journeyStatus";
    /**
     * On an end event: what the journey's ending there means to the application that started it,
     * e.g. {@code cancelled}; {@code GET /api/journeys/{id}} shows it as {@code outcome}.
     */
    public static final String JOURNEY_OUTCOME = "journeyOutcome";
    /**
     * On a send task: how a failed send is retried, e.g. {@code R3/PT30S} (3 attempts, 30 s apart).
     * The "Send message" element template writes it, since templates cannot write
     * {@code camunda:failedJobRetryTimeCycle}; that element, when present, wins.
     */
    public static final String RETRY_TIME_CYCLE = "retryTimeCycle";
    /** On a process: a default for a variable, e.g. {@code default.smsTimeout = PT5M}. */
    public static final String DEFAULT_PREFIX = "default.";
    /**
     * On a process: a variable every start must pass, e.g. {@code required.appointmentAt}; its value
     * says what it is, and a start without it is refused with that text.
     */
    public static final String REQUIRED_PREFIX = "required.";
  }
}
