package io.omnijourney.support;

/**
 * The ids of the elements of each shipped playbook that tests refer to, with the playbook's name
 * (its file in {@code bpmn/}) and process id. {@code PlaybookIdsTest} checks every one against the
 * diagram: a renamed element fails there, not in a journey test. Main code uses none of them.
 */
public final class PlaybookIds {

  private PlaybookIds() {}

  /** The welcome playbook: the sign-up code over SMS, WhatsApp, Telegram, then the onboarding email. */
  public static final class Welcome {
    private Welcome() {}

    public static final String PLAYBOOK = "welcome";
    public static final String PROCESS = "welcome";
    /** Call activity to "Deliver with fallback" with the code (template welcome-code). */
    public static final String DELIVER_CODE = "Activity_DeliverCode";
    public static final String SEND_ONBOARDING = "Task_SendOnboardingEmail";
    public static final String ONBOARDING_REJECTED = "Event_OnboardingRejected";
    public static final String END_WELCOMED = "End_Onboarded";
    public static final String END_ONBOARDING_NOT_SENT = "End_OnboardingNotSent";
    public static final String END_CODE_NOT_DELIVERED = "End_CodeNotDelivered";

    /** Variable names and values the diagram uses: not element ids. */
    public static final class Variables {
      private Variables() {}

      /** Output of the call: the channel that delivered the code, null when none did. */
      public static final String CODE_CHANNEL = "codeChannel";
    }
  }

  /** The abandoned-cart playbook: one marketing reminder after the cart idles; checkout ends it. */
  public static final class AbandonedCart {
    private AbandonedCart() {}

    public static final String PLAYBOOK = "abandoned-cart";
    public static final String PROCESS = "abandonedCart";
    public static final String CART_IDLE = "Timer_CartIdle";
    /** Call activity to "Deliver with fallback" with the reminder (template abandoned-cart). */
    public static final String SEND_REMINDER = "Activity_SendReminder";
    public static final String END_REMINDED = "End_Reminded";
    public static final String END_NOT_DELIVERED = "End_ReminderNotDelivered";
    public static final String END_CHECKED_OUT = "End_CheckedOut";

    /** Variable names and values the diagram uses: not element ids. */
    public static final class Variables {
      private Variables() {}

      /** Output of the call: the channel that delivered the reminder, null when none did. */
      public static final String REMINDER_CHANNEL = "reminderChannel";
    }
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

  /** The support conversation: one customer's request, from the first message to the rating. */
  public static final class SupportConversation {
    private SupportConversation() {}

    public static final String PLAYBOOK = "support-conversation";
    public static final String PROCESS = "supportConversation";
    public static final String ACKNOWLEDGE = "Task_Acknowledge";
    public static final String AWAY_REPLY = "Task_AwayReply";
    public static final String LATE_AWAY_REPLY = "Task_LateAwayReply";
    public static final String ANSWER = "Task_Answer";
    public static final String FIRST_RESPONSE_DUE = "Timer_FirstResponseDue";
    public static final String APOLOGY_DUE = "Timer_Apology";
    public static final String SEND_APOLOGY = "Task_Apology";
    public static final String CALL = "Task_Call";
    public static final String CALL_SUMMARY = "Task_CallSummary";
    public static final String LOGGED_CALL_SUMMARY = "Task_LoggedCallSummary";
    public static final String SEND_SURVEY = "Task_SendSurvey";
    public static final String WAIT_RATING = "Task_WaitRating";
    public static final String CUSTOMER_SILENT = "Timer_Silence";
    public static final String END_RATED = "End_Rated";
  }

  /** The discount-campaign playbook (marketing): WhatsApp or Telegram, an SMS reminder, an email summary. */
  public static final class DiscountCampaign {
    private DiscountCampaign() {}

    public static final String PLAYBOOK = "discount-campaign";
    public static final String PROCESS = "discountCampaign";
    public static final String SEND_WHATSAPP = "Task_SendWhatsappOffer";
    public static final String WAIT_WHATSAPP_READ = "Task_WaitWhatsappRead";
    public static final String OFFER_NOT_READ = "Timer_OfferNotRead";
    public static final String SEND_TELEGRAM = "Task_SendTelegramOffer";
    /** After the Telegram offer: a reply or the timer, whichever comes first. */
    public static final String GATEWAY_TELEGRAM_REACTION = "Gateway_TelegramReaction";
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
    /** Call activity to "Deliver with fallback" with the thank-you (template order-thank-you, marketing). */
    public static final String SEND_THANK_YOU = "Activity_SendThankYou";
    /** The journey's normal end: the thank-you went out. */
    public static final String END_COMPLETED = "End_Thanked";
    /** No channel took the thank-you: the journey still completes, the order was confirmed. */
    public static final String END_THANK_YOU_NOT_DELIVERED = "End_ThankYouNotDelivered";
    public static final String END_UNREACHABLE = "End_CustomerUnreachable";

    /** Variable names and values the diagram uses: not element ids. */
    public static final class Variables {
      private Variables() {}

      /** The variable of the wait before the thank-you, and the per-channel delivery timeout of the thank-you. */
      public static final String THANK_YOU_DELAY = "thankYouDelay";
      public static final String THANK_YOU_TIMEOUT = "thankYouTimeout";
      /** The thank-you's template. */
      public static final String THANK_YOU_TEMPLATE = "order-thank-you";
      /** Output of the call: the channel that delivered the thank-you, null when none did. */
      public static final String THANK_YOU_CHANNEL = "thankYouChannel";
      /** Optional start variable: with it the thank-you carries the feedback link, without it asks for a reply. */
      public static final String FEEDBACK_URL = "feedbackUrl";
    }
  }

  /** The after-sales-feedback playbook: WhatsApp, then email, then a last SMS, until the customer replies. */
  public static final class AfterSalesFeedback {
    private AfterSalesFeedback() {}

    public static final String PLAYBOOK = "after-sales-feedback";
    public static final String PROCESS = "afterSalesFeedback";
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

    /** Variable names and values the diagram uses: not element ids. */
    public static final class Variables {
      private Variables() {}

      public static final String REPLY_TIMEOUT = "replyTimeout";
      /** Set when a message waited out replyTimeout without a failure report: the customer was asked. */
      public static final String FEEDBACK_ASKED = "feedbackAsked";
    }
  }

  /**
   * The appointment-reminder playbook (medical, transactional): a day before, a reminder asking for
   * 1 (confirm) or 2 (cancel); an hour before, "see you soon" after a yes, or a final reminder.
   * The answers are event sub-processes: a yes is recorded, a no or STOP ends the journey.
   */
  public static final class AppointmentReminder {
    private AppointmentReminder() {}

    public static final String PLAYBOOK = "appointment-reminder";
    public static final String PROCESS = "appointmentReminder";
    public static final String DAY_BEFORE = "Timer_DayBefore";
    /** Call activity to "Deliver with fallback" with the day-before reminder (template appointment-reminder). */
    public static final String REMIND_DAY_BEFORE = "Activity_RemindDayBefore";
    public static final String HOUR_BEFORE = "Timer_HourBefore";
    /** Call activity with "see you soon" (template appointment-soon), after a yes. */
    public static final String REMIND_HOUR_BEFORE = "Activity_RemindHourBefore";
    /** Call activity with the final reminder (template appointment-final-reminder), without a yes. */
    public static final String FINAL_REMINDER = "Activity_FinalReminder";
    public static final String APPOINTMENT_TIME = "Timer_AppointmentTime";
    /** The end of the non-interrupting "Patient confirmed" sub-process: the journey goes on. */
    public static final String CONFIRMATION_RECORDED = "End_ConfirmationRecorded";
    public static final String END_CONFIRMED = "End_Confirmed";
    /** Confirmed after the final reminder: the journey ends at the appointment time. */
    public static final String END_CONFIRMED_LATE = "End_ConfirmedLate";
    public static final String END_CANCELLED = "End_Cancelled";
    public static final String END_OPTED_OUT = "End_OptedOut";
    public static final String END_NO_ANSWER = "End_NoAnswer";
    public static final String END_TOO_LATE = "End_TooLate";

    /** Variable names and values the diagram uses: not element ids. */
    public static final class Variables {
      private Variables() {}

      public static final String APPOINTMENT_AT = "appointmentAt";
      public static final String DAY_BEFORE_LEAD = "dayBeforeLead";
      public static final String HOUR_BEFORE_LEAD = "hourBeforeLead";
      /** The journey's outcome at each end: what the application reads. */
      public static final String CONFIRMED = "confirmed";
      public static final String CANCELLED = "cancelled";
      public static final String OPTED_OUT = "opted-out";
      public static final String UNCONFIRMED = "unconfirmed";
    }
  }

  /**
   * The security-notice playbook (finance, transactional): the notice on every reachable channel at
   * once, a parallel multi-instance; an operator when none delivers it.
   */
  public static final class SecurityNotice {
    private SecurityNotice() {}

    public static final String PLAYBOOK = "security-notice";
    public static final String PROCESS = "securityNotice";
    public static final String FIND_CHANNELS = "Task_FindChannels";
    /** The multi-instance sub-process: one instance per reachable channel. */
    public static final String NOTIFY = "SubProcess_Notify";
    public static final String SEND = "Task_SendNotice";
    public static final String WAIT_DELIVERY = "Task_WaitDelivery";
    public static final String NOT_DELIVERED_IN_TIME = "Timer_NotDelivered";
    public static final String END_CHANNEL_DELIVERED = "End_ChannelDelivered";
    public static final String END_CHANNEL_NOT_DELIVERED = "End_ChannelNotDelivered";
    public static final String HANDLE_UNDELIVERABLE = "Task_HandleUndeliverable";
    public static final String UPDATE_CONTACT = "Task_UpdateContactDetails";
    public static final String END_NOTIFIED = "End_Notified";
    public static final String END_NOT_REACHED = "End_NotReached";

    /** Variable names and values the diagram uses: not element ids. */
    public static final class Variables {
      private Variables() {}

      public static final String NOTICE_TIMEOUT = "noticeTimeout";
    }
  }

  /**
   * The win-back playbook (marketing): after winBackDelay without a purchase, an offer on the
   * customer's channel, then one follow-up; a purchase ends it quietly.
   */
  public static final class WinBack {
    private WinBack() {}

    public static final String PLAYBOOK = "win-back";
    public static final String PROCESS = "winBack";
    public static final String NO_PURCHASE = "Timer_NoPurchase";
    /** Call activity to "Deliver with fallback" with the offer (template win-back-offer, marketing). */
    public static final String SEND_OFFER = "Activity_SendOffer";
    public static final String FOLLOW_UP_DUE = "Timer_FollowUp";
    /** Call activity with the follow-up (template win-back-follow-up, marketing). */
    public static final String SEND_FOLLOW_UP = "Activity_SendFollowUp";
    public static final String END_FOLLOWED_UP = "End_FollowedUp";
    public static final String END_OFFER_NOT_DELIVERED = "End_OfferNotDelivered";
    public static final String END_CAME_BACK = "End_CameBack";

    /** Variable names and values the diagram uses: not element ids. */
    public static final class Variables {
      private Variables() {}

      public static final String WIN_BACK_DELAY = "winBackDelay";
      public static final String FOLLOW_UP_DELAY = "followUpDelay";
    }
  }

  /**
   * The promotion-ending playbook (marketing): one reminder reminderLead before the promotion ends,
   * unless the customer converted; nothing once it has ended.
   */
  public static final class PromotionEnding {
    private PromotionEnding() {}

    public static final String PLAYBOOK = "promotion-ending";
    public static final String PROCESS = "promotionEnding";
    public static final String REMINDER_DUE = "Timer_ReminderDue";
    /** Call activity to "Deliver with fallback" with the reminder (template promotion-ending, marketing). */
    public static final String SEND_REMINDER = "Activity_SendReminder";
    /** Boundary timer on the reminder at the promotion's end: nothing goes out after it. */
    public static final String ENDED_FIRST = "Timer_EndedFirst";
    public static final String PROMOTION_ENDS = "Timer_PromotionEnds";
    public static final String END_PROMOTION_OVER = "End_PromotionOver";
    public static final String END_NOT_REMINDED = "End_NotReminded";
    public static final String END_REMINDER_NOT_DELIVERED = "End_ReminderNotDelivered";
    public static final String END_ALREADY_OVER = "End_AlreadyOver";
    public static final String END_CONVERTED = "End_Converted";

    /** Variable names and values the diagram uses: not element ids. */
    public static final class Variables {
      private Variables() {}

      public static final String PROMOTION_ENDS_AT = "promotionEndsAt";
      public static final String REMINDER_LEAD = "reminderLead";
    }
  }
}
