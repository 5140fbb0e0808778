package io.omnijourney.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.support.Chromium;
import io.omnijourney.support.RequiresBrowser;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Value;

/**
 * The managers' page in the machine's Chromium: log in through the login page, read the seeded
 * data set's figures from the page, and find them equal to the API's; charts drawn, nulls as "–",
 * Persian right to left. Screenshots go to target/.
 */
@RequiresBrowser
class KpiPageBrowserTest extends KpiJourneyTest {

  @Value("${local.server.port}") int port;

  private Chromium chromium;
  private WebDriver browser;

  @BeforeEach
  void openChromium() {
    chromium = new Chromium(port, 1400, 2400);
    browser = chromium.driver();
  }

  @AfterEach
  void closeChromium() {
    chromium.close();
  }

  @Test
  void theManagerSeesTheSameFiguresAsTheApiAfterLoggingIn() {
    Seeded seeded = seedTenOrderConfirmations();
    String query = seeded.query() + "&playbook=order-confirmation";
    JsonNode api = api().getForObject("/api/kpis?" + query, JsonNode.class);

    browser.get(url("/kpis?" + query + "&lang=en"));
    logIn("demo", "demo");
    wait(ExpectedConditions.attributeToBe(By.id("chart-channels"), "data-rendered", "true"));

    assertThat(text("channel.sms.deliveryRate")).isEqualTo("60%");
    assertThat(text("channel.sms.fallbackRate")).isEqualTo("40%");
    assertThat(text("channel.whatsapp.deliveryRate")).isEqualTo("100%");
    assertThat(text("optOutRate")).isEqualTo("10%");
    assertThat(text("support.conversations")).isEqualTo("0");
    assertThat(text("support.repeatContactRate")).isEqualTo("–");
    List<WebElement> figures = browser.findElements(By.cssSelector("[data-kpi]"));
    assertThat(figures).hasSizeGreaterThan(30);
    for (WebElement figure : figures) {
      String key = figure.getAttribute("data-kpi");
      assertThat(parse(figure.getText())).as(key).isEqualTo(expected(api, key));
    }
    // No support data yet: the response-time and repeat-contact charts say so instead of drawing zeros.
    assertThat(browser.findElement(By.id("chart-response-nodata")).getText()).isEqualTo("No data yet");
    assertThat(browser.findElement(By.id("chart-repeat-nodata")).isDisplayed()).isTrue();
    screenshot("kpis-en.png");

    browser.get(url("/kpis?" + query + "&lang=fa"));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("شاخص‌های کلیدی عملکرد");
    assertThat(text("channel.sms.deliveryRate")).isEqualTo("۶۰٪");
    screenshot("kpis-fa.png");
  }

  @Test
  void aWrongPasswordStaysOnTheLoginPage() {
    browser.get(url("/kpis?lang=en"));
    logIn("demo", "not-the-password");

    wait(ExpectedConditions.urlContains("/login?error"));
    assertThat(browser.findElement(By.id("login-failed")).getText()).isEqualTo("Wrong user or password.");
    assertThat(browser.findElements(By.cssSelector("[data-kpi]"))).isEmpty();
  }

  private void logIn(String user, String password) {
    chromium.logIn(user, password);
  }

  private String text(String key) {
    return browser.findElement(By.cssSelector("[data-kpi='" + key + "']")).getText();
  }

  /** The API's figure a page figure shows, by the page's key: journeys.started, channel.sms.cost, step.Task_SendSms.sms.sent. */
  private static Object expected(JsonNode api, String key) {
    String[] part = key.split("\\.");
    JsonNode node = switch (part[0]) {
      case "channel" -> find(api.get("channels"), "channel", part[1], null, null).get(part[2]);
      case "step" -> find(api.get("deliveries"), "step", part[1], "channel", part[2]).get(part[3]);
      case "support" -> part[1].endsWith("Seconds")
          ? api.get("support").get(part[1])
          : part.length == 3 ? api.get("support").get(part[1]).get(part[2]) : api.get("support").get(part[1]);
      default -> part.length == 2 ? api.get(part[0]).get(part[1]) : api.get(part[0]);
    };
    if (node.isObject()) { // p50 / p90
      return node.get("p50").isNull() && node.get("p90").isNull() ? null : node.toString();
    }
    return node.isNull() ? null : node.decimalValue().stripTrailingZeros();
  }

  private static JsonNode find(JsonNode rows, String field, String value, String field2, String value2) {
    for (JsonNode row : rows) {
      if (row.get(field).asText().equals(value) && (field2 == null || row.get(field2).asText().equals(value2))) {
        return row;
      }
    }
    throw new AssertionError("no " + field + " " + value + " in " + rows);
  }

  /** A figure as the page writes it in English: "–" (null), "60%", "1,234", "0.5 EUR", "– / –". */
  private static BigDecimal parse(String shown) {
    String text = shown.trim();
    if (text.equals("–") || text.equals("– / –")) {
      return null;
    }
    boolean percent = text.endsWith("%");
    String number = text.replace("%", "").replace(" EUR", "").replace(",", "").trim();
    BigDecimal value = new BigDecimal(number);
    return (percent ? value.movePointLeft(2) : value).stripTrailingZeros();
  }

  private void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
    chromium.waitFor(condition);
  }

  private void screenshot(String name) {
    chromium.screenshot(name);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
