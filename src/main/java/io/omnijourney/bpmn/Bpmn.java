package io.omnijourney.bpmn;

/**
 * The one place for the names that Java code and the BPMN diagrams share: variables, messages,
 * errors and the element ids that tests and the API refer to.
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
    /** "Deliver with fallback": when the contact window opens, or null to send now. */
    public static final String SEND_AT = "sendAt";
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
     * On a send task: how a failed send is retried, e.g. {@code R3/PT30S} (3 attempts, 30 s apart).
     * The "Send message" element template writes it, since templates cannot write
     * {@code camunda:failedJobRetryTimeCycle}; that element, when present, wins.
     */
    public static final String RETRY_TIME_CYCLE = "retryTimeCycle";
    /** On a process: a default for a variable, e.g. {@code default.smsTimeout = PT5M}. */
    public static final String DEFAULT_PREFIX = "default.";
  }

  /** The welcome playbook: the sign-up code over SMS, WhatsApp, Telegram, then the onboarding email. */
  public static final class Welcome {
    private Welcome() {}

    public static final String PLAYBOOK = "welcome";
    public static final String PROCESS = "welcome";
    /** Call activity to "Deliver with fallback" with the code (template welcome-code). */
    public static final String DELIVER_CODE = "Activity_DeliverCode";
    /** Output of the call: the channel that delivered the code, null when none did. */
    public static final String CODE_CHANNEL = "codeChannel";
    public static final String SEND_ONBOARDING = "Task_SendOnboardingEmail";
    public static final String ONBOARDING_REJECTED = "Event_OnboardingRejected";
    public static final String END_WELCOMED = "End_Onboarded";
    public static final String END_ONBOARDING_NOT_SENT = "End_OnboardingNotSent";
    public static final String END_CODE_NOT_DELIVERED = "End_CodeNotDelivered";
  }

  /** The abandoned-cart playbook: one marketing reminder after the cart idles; checkout ends it. */
  public static final class AbandonedCart {
    private AbandonedCart() {}

    public static final String PLAYBOOK = "abandoned-cart";
    public static final String PROCESS = "abandonedCart";
    /** The business event, posted to POST /api/events with the journey's business key. */
    public static final String CHECKOUT_COMPLETED = Events.CHECKOUT_COMPLETED;
    public static final String CART_IDLE = "Timer_CartIdle";
    /** Call activity to "Deliver with fallback" with the reminder (template abandoned-cart). */
    public static final String SEND_REMINDER = "Activity_SendReminder";
    /** Output of the call: the channel that delivered the reminder, null when none did. */
    public static final String REMINDER_CHANNEL = "reminderChannel";
    public static final String END_REMINDED = "End_Reminded";
    public static final String END_NOT_DELIVERED = "End_ReminderNotDelivered";
    public static final String END_CHECKED_OUT = "End_CheckedOut";
  }

  /** The reusable "Deliver with fallback" diagram, also a playbook of its own. */
  public static final class DeliverWithFallback {
    private DeliverWithFallback() {}

    public static final String PLAYBOOK = "deliver-with-fallback";
    public static final String PROCESS = "deliverWithFallback";
    public static final String CHOOSE_CHANNEL = "Task_ChooseChannel";
    public static final String CHECK_CONTACT_WINDOW = "Task_CheckContactWindow";
    public static final String WAIT_CONTACT_WINDOW = "Timer_ContactWindow";
    public static final String SEND = "Task_SendMessage";
    public static final String WAIT_DELIVERY = "Task_WaitDelivery";
    public static final String NOT_DELIVERED_IN_TIME = "Timer_NotDelivered";
    public static final String HANDLE_UNDELIVERABLE = "Task_HandleUndeliverable";
    public static final String END_DELIVERED = "End_Delivered";
    public static final String END_UNDELIVERABLE = "End_Undeliverable";
    public static final String END_NOT_DELIVERED = "End_MarketingNotDelivered";
  }

  /** The discount-campaign playbook (marketing): WhatsApp or Telegram, an SMS reminder, an email summary. */
  public static final class DiscountCampaign {
    private DiscountCampaign() {}

    public static final String PLAYBOOK = "discount-campaign";
    public static final String PROCESS = "discountCampaign";
    public static final String PURCHASE_COMPLETED = Events.PURCHASE_COMPLETED;
    public static final String SEND_WHATSAPP = "Task_SendWhatsappOffer";
    public static final String WAIT_WHATSAPP_READ = "Task_WaitWhatsappRead";
    public static final String OFFER_NOT_READ = "Timer_OfferNotRead";
    public static final String SEND_TELEGRAM = "Task_SendTelegramOffer";
    /** After the Telegram offer: a reply or the timer, whichever comes first. */
    public static final String WAIT_TELEGRAM_REACTION = "Gateway_TelegramReaction";
    public static final String TELEGRAM_REACTION = "Timer_TelegramReaction";
    /** A reply (customer-replied) while the offer waits: a reaction, so no SMS reminder. */
    public static final String WHATSAPP_REPLIED = "Event_WhatsappReplied";
    public static final String TELEGRAM_REPLIED = "Event_TelegramReplied";
    /** A STOP reply to the offer (replyOptOut): nothing more is sent. */
    public static final String END_OPTED_OUT = "End_OptedOut";
    public static final String SEND_SMS = "Task_SendSmsReminder";
    public static final String WAIT_SUMMARY = "Timer_SummaryDelay";
    public static final String SEND_EMAIL = "Task_SendEmailSummary";
    public static final String END_OFFER_SENT = "End_OfferSent";
    public static final String END_SUMMARY_NOT_SENT = "End_SummaryNotSent";
    public static final String END_NOT_REACHED = "End_CustomerNotReached";
    public static final String END_PURCHASED = "End_Purchased";
  }

  /** The payment-reminder playbook (transactional): email, an SMS if it is not opened, a WhatsApp with the link. */
  public static final class PaymentReminder {
    private PaymentReminder() {}

    public static final String PLAYBOOK = "payment-reminder";
    public static final String PROCESS = "paymentReminder";
    public static final String PAYMENT_RECEIVED = Events.PAYMENT_RECEIVED;
    public static final String SEND_EMAIL = "Task_SendEmail";
    public static final String WAIT_EMAIL_OPENED = "Task_WaitEmailOpened";
    public static final String EMAIL_NOT_OPENED = "Timer_EmailNotOpened";
    public static final String SEND_SMS = "Task_SendSms";
    public static final String WAIT_FINAL_REMINDER = "Timer_FinalReminderDelay";
    public static final String SEND_WHATSAPP = "Task_SendWhatsapp";
    public static final String END_REMINDERS_SENT = "End_ReminderSent";
    public static final String END_WHATSAPP_NOT_SENT = "End_WhatsappNotSent";
    public static final String END_NOT_REACHED = "End_CustomerNotReached";
    public static final String END_PAID = "End_PaymentReceived";
  }

  /**
   * The order-confirmation playbook: the SMS confirmation, WhatsApp if it is not delivered, the
   * invoice by email, then a thank-you and feedback request on the customer's channel.
   */
  public static final class OrderConfirmation {
    private OrderConfirmation() {}

    public static final String PLAYBOOK = "order-confirmation";
    public static final String PROCESS = "orderConfirmation";
    public static final String SEND_SMS = "Task_SendSms";
    public static final String WAIT_SMS = "Task_WaitSmsDelivery";
    public static final String SMS_NOT_DELIVERED = "Timer_SmsNotDelivered";
    public static final String SMS_FAILED = "Event_SmsFailed";
    public static final String SMS_REJECTED = "Event_SmsRejected";
    public static final String SEND_WHATSAPP = "Task_SendWhatsapp";
    public static final String WAIT_WHATSAPP = "Task_WaitWhatsappDelivery";
    public static final String WHATSAPP_NOT_DELIVERED = "Timer_WhatsappNotDelivered";
    public static final String WAIT_INVOICE = "Timer_InvoiceDelay";
    public static final String SEND_INVOICE = "Task_SendInvoiceEmail";
    /** The invoice email was refused for good; the journey goes on to the thank-you all the same. */
    public static final String INVOICE_REJECTED = "Event_InvoiceRejected";
    public static final String HANDLE_UNDELIVERABLE = "Task_HandleUndeliverable";
    public static final String UPDATE_CONTACT = "Task_UpdateContactDetails";
    /** Waits thankYouDelay (default P2D) after the invoice step, sent or not. */
    public static final String WAIT_THANK_YOU = "Timer_ThankYouDelay";
    /** The variable of that wait, and the per-channel delivery timeout of the thank-you. */
    public static final String THANK_YOU_DELAY = "thankYouDelay";
    public static final String THANK_YOU_TIMEOUT = "thankYouTimeout";
    /** Call activity to "Deliver with fallback" with the thank-you (template order-thank-you, marketing). */
    public static final String SEND_THANK_YOU = "Activity_SendThankYou";
    public static final String THANK_YOU_TEMPLATE = "order-thank-you";
    /** Output of the call: the channel that delivered the thank-you, null when none did. */
    public static final String THANK_YOU_CHANNEL = "thankYouChannel";
    /** Optional start variable: with it the thank-you carries the feedback link, without it asks for a reply. */
    public static final String FEEDBACK_URL = "feedbackUrl";
    /** The journey's normal end: the thank-you went out. */
    public static final String END_COMPLETED = "End_Thanked";
    /** No channel took the thank-you: the journey still completes, the order was confirmed. */
    public static final String END_THANK_YOU_NOT_DELIVERED = "End_ThankYouNotDelivered";
    public static final String END_UNREACHABLE = "End_CustomerUnreachable";
  }

  /** The after-sales-feedback playbook: WhatsApp, then email, then a last SMS, until the customer replies. */
  public static final class AfterSalesFeedback {
    private AfterSalesFeedback() {}

    public static final String PLAYBOOK = "after-sales-feedback";
    public static final String PROCESS = "afterSalesFeedback";
    /** The business event that ends the journey on any step. */
    public static final String CUSTOMER_REPLIED = Events.CUSTOMER_REPLIED;
    public static final String REPLY_TIMEOUT = "replyTimeout";
    /** Set when a message waited out replyTimeout without a failure report: the customer was asked. */
    public static final String FEEDBACK_ASKED = "feedbackAsked";
    public static final String SEND_WHATSAPP = "Task_SendWhatsapp";
    /** Waits for a reply: a failure report on the WhatsApp delivery ends it at once, else its timer. */
    public static final String WAIT_REPLY_TO_WHATSAPP = "Task_WaitReplyToWhatsapp";
    public static final String NO_REPLY_TO_WHATSAPP = "Timer_NoReplyToWhatsapp";
    public static final String SEND_EMAIL = "Task_SendEmail";
    public static final String WAIT_REPLY_TO_EMAIL = "Task_WaitReplyToEmail";
    public static final String NO_REPLY_TO_EMAIL = "Timer_NoReplyToEmail";
    public static final String SEND_SMS = "Task_SendSms";
    public static final String WAIT_REPLY_TO_SMS = "Task_WaitReplyToSms";
    public static final String NO_REPLY_TO_SMS = "Timer_NoReplyToSms";
    public static final String END_NO_REPLY = "End_NoReply";
    public static final String END_UNREACHABLE = "End_CustomerUnreachable";
    public static final String END_REPLIED = "End_CustomerReplied";
    /** The customer's "reply" was an opt-out keyword (STOP): nothing more is sent, and it is not feedback. */
    public static final String END_OPTED_OUT = "End_OptedOut";
  }
}
