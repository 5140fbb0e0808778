package io.omnijourney.journey;

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
  }

  /** Message names correlated by code. */
  public static final class Messages {
    private Messages() {}

    /** The provider reported the message delivered or read. */
    public static final String DELIVERY_CONFIRMED = "delivery-confirmed";
    /** The provider reported the message failed or undelivered. */
    public static final String DELIVERY_FAILED = "delivery-failed";
  }

  /** BPMN error codes thrown by code. */
  public static final class Errors {
    private Errors() {}

    /** The provider refused the message for good: invalid address, opt-out, blocked. */
    public static final String DELIVERY_REJECTED = "delivery-rejected";
  }

  /** Extension properties analysts set in the Modeler. */
  public static final class Properties {
    private Properties() {}

    /** On an end event: the journey status it stands for, e.g. FAILED. */
    public static final String JOURNEY_STATUS = "journeyStatus";
    /** On a process: a default for a variable, e.g. {@code default.smsTimeout = PT5M}. */
    public static final String DEFAULT_PREFIX = "default.";
  }

  /** The order-confirmation playbook. */
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
    public static final String HANDLE_UNDELIVERABLE = "Task_HandleUndeliverable";
    public static final String UPDATE_CONTACT = "Task_UpdateContactDetails";
    public static final String END_COMPLETED = "End_InvoiceSent";
    public static final String END_UNREACHABLE = "End_CustomerUnreachable";
    public static final String END_INVOICE_NOT_SENT = "End_InvoiceNotSent";
  }
}
