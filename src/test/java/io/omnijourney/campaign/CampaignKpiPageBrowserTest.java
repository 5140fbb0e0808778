package io.omnijourney.campaign;

import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.support.Chromium;
import io.omnijourney.support.RequiresBrowser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Value;

/**
 * The managers' page filtered by campaign, in the machine's Chromium: the campaign is picked from
 * the list by its name, the page shows that campaign's figures, the API's for the same filter, and
 * "All journeys" shows everyone's again. The screenshot goes to target/kpis-campaign-en.png.
 */
@RequiresBrowser
class CampaignKpiPageBrowserTest extends CampaignTest {

  @Value("${local.server.port}") int port;

  @Test
  void theManagerPicksACampaignByNameAndSeesItsFiguresOnly() throws Exception {
    // The KPIs count journeys by when they started, on the real clock: this test's window.
    Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<String> audience = customers(3);
    String campaign = created(post("/api/campaigns", """
        {"name": "black-friday-%s", "playbook": "discount-campaign", "audience": {"customerIds": %s},
         "variables": %s, "ratePerSecond": 10}""".formatted(campaign(), json.writeValueAsString(audience), OFFER_VARIABLES)));
    runToTheEnd(campaign);
    // Each offer goes out on WhatsApp and is read.
    sandbox("whatsapp", Outcome.READ);
    for (String customer : audience) {
      ProcessInstance journey = runtime.createProcessInstanceQuery()
          .processInstanceBusinessKey(campaign + ":" + customer).singleResult();
      executeJob(journey, SEND_WHATSAPP);
    }
    String window = "from=" + from + "&to=" + Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
    eventually(() -> assertThat(api().getForObject("/api/kpis?" + window + "&campaign=" + campaign, JsonNode.class)
        .path("engagementRate").asDouble()).isEqualTo(1.0));
    // A journey of the same playbook outside the campaign: counted under "All journeys" only.
    assertThat(post("/api/journeys", """
        {"playbook": "discount-campaign", "customer": {"id": "%s"}, "variables": %s}"""
        .formatted(customers(1).get(0), OFFER_VARIABLES)).getStatusCode().value()).isEqualTo(201);
    JsonNode ofTheCampaign = api().getForObject("/api/kpis?" + window + "&campaign=" + campaign, JsonNode.class);
    JsonNode ofAll = api().getForObject("/api/kpis?" + window, JsonNode.class);
    assertThat(ofTheCampaign.path("journeys").path("started").asInt()).isEqualTo(3);

    try (Chromium chromium = new Chromium(port, 1400, 2400)) {
      chromium.open("/kpis?" + window + "&lang=en");
      chromium.logIn("demo", "demo");
      chromium.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("campaign")));
      String name = "black-friday-" + campaign();
      new Select(chromium.byId("campaign")).selectByVisibleText(name);
      chromium.click(By.id("show"));
      chromium.waitFor(ExpectedConditions.urlContains("campaign=" + campaign));

      assertThat(new Select(chromium.byId("campaign")).getFirstSelectedOption().getText()).isEqualTo(name);
      assertThat(started(chromium)).isEqualTo(ofTheCampaign.path("journeys").path("started").asText());
      assertThat(chromium.find(By.cssSelector("[data-kpi='engagementRate']")).getText()).isEqualTo("100%");
      chromium.screenshot("kpis-campaign-en.png");

      new Select(chromium.byId("campaign")).selectByValue("");
      chromium.click(By.id("show"));
      chromium.waitFor(ExpectedConditions.not(ExpectedConditions.urlContains("campaign=" + campaign)));
      assertThat(started(chromium)).isEqualTo(ofAll.path("journeys").path("started").asText()).isEqualTo("4");
    }
  }

  private static String started(Chromium chromium) {
    return chromium.find(By.cssSelector("[data-kpi='journeys.started']")).getText();
  }

  /** A name of this run's own, among the campaigns other tests left in the shared database. */
  private String campaign() {
    return Integer.toHexString(System.identityHashCode(this));
  }
}
