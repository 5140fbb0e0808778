package io.omnijourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.support.JourneyTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An A/B test as an analyst draws it: "Split A/B" (A:50, B:50), then an exclusive gateway on
 * {@code variant}: A offers by WhatsApp, B by SMS; a purchase is the goal. The journeys carry their
 * variant, and the KPIs report each variant's delivery, engagement and conversion.
 */
class AbSplitJourneyTest extends JourneyTest {

  private static final String PLAYBOOK = "ab-test-offer";

  @Autowired RepositoryService repository;

  private String deployment;

  @BeforeEach
  void deployTheAbTest() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("abTestOffer").name("A/B test offer")
        .camundaHistoryTimeToLive(1)
        .startEvent("Start")
        .serviceTask("Split_Offer").name("Split A/B").camundaDelegateExpression("${splitVariants}")
            .camundaInputParameter(Vars.VARIANTS, "A:50, B:50")
        .exclusiveGateway("Gateway_Variant")
            .condition("A", "${variant == 'A'}")
            .serviceTask("Send_A").camundaAsyncBefore().camundaDelegateExpression("${sendMessage}")
                .camundaInputParameter(Vars.CHANNEL, "whatsapp").camundaInputParameter(Vars.TEMPLATE, "discount-offer")
            .exclusiveGateway("Gateway_Sent")
            .receiveTask("Wait_Reply").message(Events.CUSTOMER_REPLIED)
            .endEvent("End_Replied")
        .moveToNode("Gateway_Variant")
            .condition("B", "${variant == 'B'}")
            .serviceTask("Send_B").camundaAsyncBefore().camundaDelegateExpression("${sendMessage}")
                .camundaInputParameter(Vars.CHANNEL, "sms").camundaInputParameter(Vars.TEMPLATE, "discount-offer")
            .connectTo("Gateway_Sent")
        .moveToActivity("Wait_Reply")
            .boundaryEvent("Purchased").message(Events.PURCHASE_COMPLETED)
            .endEvent("End_Purchased")
        .done();
    deployment = repository.createDeployment().name("analyst's A/B test")
        .addModelInstance(PLAYBOOK + ".bpmn", model).deploy().getId();
  }

  @AfterEach
  void undeploy() {
    repository.deleteDeployment(deployment, true);
  }

  @Test
  void eachVariantsDeliveryEngagementAndConversionAreReported() {
    sandbox("whatsapp", Outcome.READ);
    Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<ProcessInstance> a = new ArrayList<>();
    List<ProcessInstance> b = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ProcessInstance journey = start();
      String variant = (String) runtime.getVariable(journey.getId(), Vars.VARIANT);
      executeJob(journey, "Send_" + variant);
      (variant.equals("A") ? a : b).add(journey);
    }
    assertThat(a).isNotEmpty();
    assertThat(b).isNotEmpty();
    a.forEach(j -> eventually(() -> assertThat(delivery(j, "whatsapp").status()).isEqualTo(DeliveryStatus.READ)));
    b.forEach(j -> eventually(() -> assertThat(delivery(j, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED)));
    purchase(a.get(0));
    purchase(b.get(0));
    if (a.size() > 1) {
      purchase(a.get(1));
    }

    JsonNode kpis = api().getForObject("/api/kpis?playbook=" + PLAYBOOK + "&from=" + from + "&to="
        + Instant.now().plusSeconds(1), JsonNode.class);

    assertThat(kpis.path("variants")).hasSize(2);
    JsonNode variantA = kpis.path("variants").get(0);
    JsonNode variantB = kpis.path("variants").get(1);
    assertThat(variantA.path("variant").asText()).isEqualTo("A");
    assertThat(variantA.path("started").asInt()).isEqualTo(a.size());
    assertThat(variantA.path("sent").asInt()).isEqualTo(a.size());
    assertThat(variantA.path("read").asInt()).isEqualTo(a.size());
    assertThat(variantA.path("deliveryRate").asDouble()).isEqualTo(1.0);
    assertThat(variantA.path("engagementRate").asDouble()).isEqualTo(1.0);
    assertThat(variantA.path("converted").asInt()).isEqualTo(Math.min(2, a.size()));
    assertThat(variantB.path("variant").asText()).isEqualTo("B");
    assertThat(variantB.path("started").asInt()).isEqualTo(b.size());
    assertThat(variantB.path("delivered").asInt()).isEqualTo(b.size());
    assertThat(variantB.path("read").asInt()).isZero();
    assertThat(variantB.path("engagementRate").asDouble()).isEqualTo(0.0);
    assertThat(variantB.path("converted").asInt()).isEqualTo(1);
    assertThat(variantB.path("conversionRate").asDouble())
        .isEqualTo(Math.round(10_000.0 / b.size()) / 10_000.0);
    assertThat(kpis.path("journeys").path("started").asInt()).isEqualTo(20);
    assertThat(api().getForObject("/api/journeys/" + b.get(0).getId(), JsonNode.class).path("variant").asText())
        .isEqualTo("B");
  }

  @Test
  void theJourneyRecordsTheVariantItsCustomerIsAlwaysIn() {
    ProcessInstance first = start();
    String customer = customerOf(first);
    String variant = (String) runtime.getVariable(first.getId(), Vars.VARIANT);

    assertThat(records.find(first.getId()).orElseThrow().variant()).isEqualTo(variant);
    assertThat(Variants.parse("A:50, B:50").of(customer, "abTestOffer/Split_Offer")).isEqualTo(variant);
  }

  private ProcessInstance start() {
    var request = new StartJourneyRequest(PLAYBOOK, "ab-" + UUID.randomUUID(), newCustomer(), Map.of("discount", "20%",
        "offerUrl", "https://shop.example.com/offer/AB", "validUntil", "2026-12-31"));
    String id = journeys.start(request, null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private void purchase(ProcessInstance journey) {
    var answer = api().postForEntity("/api/events", Map.of("name", Events.PURCHASE_COMPLETED,
        "businessKey", journey.getBusinessKey()), JsonNode.class);
    assertThat(answer.getBody().path("correlated").asInt()).isOne();
  }
}
