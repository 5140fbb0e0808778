package io.omnijourney.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.support.Chromium;
import io.omnijourney.support.PlaybookIds.SupportConversation;
import io.omnijourney.support.RequiresBrowser;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Value;

/**
 * The team's inbox in the machine's Chromium, as operators and a supervisor work it: a customer's
 * Telegram message appears without a reload; an operator claims it, labels it, notes it and answers
 * with a canned reply that the sandbox delivers; a second operator finds it owned; the supervisor
 * sees the queues' load and reassigns it; a breached conversation shows in red; resolving sends the
 * survey and takes it off the open list. The test plays the job executor. Screenshots go to target/.
 */
@RequiresBrowser
class InboxPageBrowserTest extends ConversationTest {

  @Value("${local.server.port}") int port;

  @Test
  void operatorsAndASupervisorWorkAConversationFromArrivalToResolution() {
    clock(MONDAY_NOON);
    String anna = operator("support");
    String boris = operator("support");
    String sue = user("supervisors");

    try (Chromium annas = new Chromium(port, 1400, 1000)) {
      annas.open("/inbox?lang=en");
      annas.logIn(anna, PASSWORD);
      annas.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("filters")));
      assertThat(annas.driver().getCurrentUrl()).contains("/inbox");

      // The customer writes; the open page lists it within the polling interval, without a reload.
      String chat = newChatId();
      telegram(chat, "Hello, my order 1001 has not arrived yet");
      Conversation conversation = conversationOfChat(chat);
      ProcessInstance journey = journeyOf(conversation);
      executeJob(journey, SupportConversation.ACKNOWLEDGE);
      WebElement item = annas.waitFor(ExpectedConditions.visibilityOfElementLocated(listItem(conversation)));
      assertThat(item.getText()).contains(conversation.customerId(), "TG", "Order not arrived", "Unassigned");
      assertThat(item.findElement(By.cssSelector(".sla")).getAttribute("data-sla")).isEqualTo("running");

      // Claim, label, note.
      annas.click(listItem(conversation));
      annas.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "order 1001 has not arrived"));
      annas.byId("claim").click();
      annas.waitFor(ExpectedConditions.textToBe(By.id("thread-owner"), "Owner: " + anna));
      assertThat(annas.byId("claim").isEnabled()).isFalse();
      assertThat(conversations.find(conversation.conversationId()).orElseThrow().assignee()).isEqualTo(anna);

      annas.byId("labels-input").clear();
      annas.byId("labels-input").sendKeys("needs-follow-up, vip");
      annas.byId("save-labels").click();
      annas.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("thread-labels"), "needs-follow-up"));
      assertThat(conversations.find(conversation.conversationId()).orElseThrow().labels())
          .containsExactlyInAnyOrder("needs-follow-up", "vip");

      annas.find(By.cssSelector("#more-actions summary")).click();
      annas.byId("note-text").sendKeys("Courier says tomorrow; do not promise a date");
      annas.byId("add-note").click();
      annas.waitFor(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("#timeline li[data-kind=note]"), "Courier says tomorrow"));

      // A canned reply, filled in and previewed in the customer's language, goes out on Telegram.
      new Select(annas.byId("canned")).selectByValue("support-canned-order-status");
      annas.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("variable-orderNumber"))).sendKeys("1001");
      // Telegram's text marks the number bold: "*1001*".
      annas.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("canned-preview"), "1001"));
      assertThat(annas.byId("canned-preview").getText()).startsWith("We are checking your order");
      annas.byId("send").click();
      By reply = By.cssSelector("#timeline li[data-kind=message][data-direction=OUT]:not(.system)");
      annas.waitFor(ExpectedConditions.textToBePresentInElementLocated(reply, "We are checking your order 1001"));

      sendNextChannel(journey);
      List<String> telegramTexts = outbox.list("telegram", chat).stream().map(e -> e.text()).toList();
      assertThat(telegramTexts).anySatisfy(text -> assertThat(text).contains("We are checking your order", "1001"));
      reportLatest("telegram", chat, "delivered");
      // The delivery status changes on the open page as the provider reports it.
      annas.waitFor(ExpectedConditions.attributeToBe(
          By.cssSelector("#timeline li[data-kind=message][data-direction=OUT]:not(.system) .delivery"),
          "data-status", "DELIVERED"));
      assertThat(annas.find(reply).getText()).contains("Delivered", anna);
      annas.screenshot("inbox-thread-en.png");

      // A second operator sees it owned and cannot claim it.
      try (Chromium boriss = new Chromium(port, 1400, 1000)) {
        boriss.open("/inbox?lang=en#" + conversation.conversationId());
        boriss.logIn(boris, PASSWORD);
        boriss.open("/inbox?lang=en#" + conversation.conversationId());
        boriss.waitFor(ExpectedConditions.textToBe(By.id("thread-owner"), "Owner: " + anna));
        assertThat(boriss.byId("claim").isEnabled()).isFalse();
      }

      // The supervisor sees every queue's load and reassigns it.
      try (Chromium sues = new Chromium(port, 1400, 1000)) {
        sues.open("/inbox?lang=en");
        sues.logIn(sue, PASSWORD);
        sues.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#queue-load tr[data-queue=support]")));
        assertThat(sues.driver().findElements(By.cssSelector("#queue-load tr")).stream()
            .map(row -> row.getAttribute("data-queue")).toList())
            .contains("support", "sales", "billing", "partnerships");
        sues.click(listItem(conversation));
        sues.waitFor(ExpectedConditions.textToBe(By.id("thread-owner"), "Owner: " + anna));
        new Select(sues.byId("assignee")).selectByValue(boris);
        sues.byId("assign").click();
        sues.waitFor(ExpectedConditions.textToBe(By.id("thread-owner"), "Owner: " + boris));
        assertThat(conversations.find(conversation.conversationId()).orElseThrow().assignee()).isEqualTo(boris);

        // Another customer's conversation goes past its first-response time: red in the list, counted for its queue.
        String late = newChatId();
        telegram(late, "Where is my parcel? Still nothing");
        Conversation breached = conversationOfChat(late);
        ProcessInstance lateJourney = journeyOf(breached);
        executeJob(lateJourney, SupportConversation.ACKNOWLEDGE);
        Job sla = job(lateJourney, SupportConversation.FIRST_RESPONSE_DUE);
        clock(sla.getDuedate().toInstant().plusSeconds(60));
        management.executeJob(sla.getId());
        WebElement red = sues.waitFor(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("li[data-id='" + breached.conversationId() + "'] .sla[data-sla=breached]")));
        assertThat(red.getText()).isEqualTo("SLA breached");
        assertThat(red.getCssValue("background-color")).isEqualTo("rgba(207, 17, 36, 1)");
        sues.waitFor(d -> Integer.parseInt(d.findElement(
            By.cssSelector("#queue-load tr[data-queue=support] td.breached-count")).getText()) >= 1);
        sues.screenshot("inbox-list-en.png");
      }

      // Resolve: the survey goes out, and the conversation leaves the open list.
      annas.click(listItem(conversation));
      annas.waitFor(ExpectedConditions.textToBe(By.id("thread-owner"), "Owner: " + boris));
      annas.click(By.id("resolve"));
      annas.waitFor(ExpectedConditions.invisibilityOfElementLocated(listItem(conversation)));
      assertThat(conversations.find(conversation.conversationId()).orElseThrow().status())
          .isEqualTo(ConversationStatus.RESOLVED);
      executeJob(journey, SupportConversation.SEND_SURVEY);
      assertThat(outbox.list("telegram", chat)).last()
          .satisfies(e -> assertThat(e.text()).contains("1", "5"));
      annas.waitFor(ExpectedConditions.attributeToBe(By.id("thread-status"), "data-status", "RESOLVED"));
      assertThat(annas.byId("send").isEnabled()).isFalse();

      // Persian, right to left: the list and the thread.
      new Select(annas.byId("filter-status")).selectByValue("RESOLVED");
      annas.open("/inbox?lang=fa#" + conversation.conversationId());
      annas.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "order 1001"));
      assertThat(annas.find(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
      assertThat(annas.find(By.tagName("h1")).getText()).isEqualTo("صندوق پیام‌ها");
      assertThat(annas.byId("thread-status").getText()).isEqualTo("حل‌شده");
      annas.screenshot("inbox-thread-fa.png");
      new Select(annas.byId("filter-status")).selectByValue("OPEN,WAITING_FOR_CUSTOMER");
      annas.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#conversations li")));
      annas.screenshot("inbox-list-fa.png");
    }
  }

  @Test
  void onAPhoneTheListAndTheThreadTakeTurns() {
    clock(MONDAY_NOON);
    String anna = operator("support");
    String chat = newChatId();
    telegram(chat, "My order <b>1001</b> has not arrived <img src=x onerror=alert(1)>");
    Conversation conversation = conversationOfChat(chat);

    try (Chromium phone = new Chromium(port, 390, 844)) {
      phone.open("/inbox?lang=ru");
      phone.logIn(anna, PASSWORD);
      phone.click(listItem(conversation));
      phone.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "has not arrived"));
      assertThat(phone.byId("list-pane").isDisplayed()).isFalse();
      // What a customer wrote is text on the page, never markup.
      assertThat(phone.byId("timeline").getText()).contains("<b>1001</b>", "<img src=x onerror=alert(1)>");
      assertThat(phone.driver().findElements(By.cssSelector("#timeline b, #timeline img"))).isEmpty();
      assertThat(phone.byId("thread-owner").getText()).isEqualTo("Без исполнителя");
      phone.screenshot("inbox-phone-thread-ru.png");
      phone.byId("back").click();
      phone.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("list-pane")));
      assertThat(phone.byId("thread-pane").isDisplayed()).isFalse();
    }
  }

  @Test
  void anOperatorOfAnotherQueueDoesNotSeeTheConversationAndAnAnalystIsRefusedThePage() {
    clock(MONDAY_NOON);
    String chat = newChatId();
    telegram(chat, "My order has not arrived");
    Conversation conversation = conversationOfChat(chat);
    String seller = operator("sales");

    try (Chromium browser = new Chromium(port, 1400, 1000)) {
      browser.open("/inbox?lang=en#" + conversation.conversationId());
      browser.logIn(seller, PASSWORD);
      browser.open("/inbox?lang=en#" + conversation.conversationId());
      browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("flash")));
      assertThat(browser.byId("flash").getText()).contains("No conversation");
      assertThat(browser.driver().findElements(listItem(conversation))).isEmpty();
    }
    try (Chromium browser = new Chromium(port, 1400, 1000)) {
      browser.open("/inbox?lang=en");
      browser.logIn(user("analysts"), PASSWORD);
      assertThat(browser.driver().getPageSource()).doesNotContain("inbox-setup");
      assertThat(browser.driver().findElements(By.id("conversations"))).isEmpty();
    }
  }

  private static By listItem(Conversation conversation) {
    return By.cssSelector("#conversations li[data-id='" + conversation.conversationId() + "']");
  }
}
