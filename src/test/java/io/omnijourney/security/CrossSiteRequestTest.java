package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.channel.sandbox.SandboxRule;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.support.JourneyTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Issue 12, item 3: a browser's cached Basic login is not usable from another site's page. A
 * state-changing request whose Origin is another site, or that the browser marks cross-site, is
 * refused before the login is even looked at; one without either header (curl, applications) or
 * from this site's own origin goes through.
 */
class CrossSiteRequestTest extends JourneyTest {

  private static final String EVIL = "https://evil.example";
  private static final String PROBE_KEY = "crossSiteProbe";

  @Autowired RepositoryService repository;
  @LocalServerPort int port;

  @AfterEach
  void removeProbeDeployments() {
    repository.createDeploymentQuery().list().stream()
        .filter(d -> d.getName() != null && d.getName().startsWith(PROBE_KEY))
        .forEach(d -> repository.deleteDeployment(d.getId(), true));
  }

  @Test
  void startingAJourney_refusedFromAnotherSite_allowedFromNoBrowserOrThisSite() {
    String foreign = "order-" + UUID.randomUUID();
    String crossSite = "order-" + UUID.randomUUID();

    ResponseEntity<String> fromEvil = startJourney(foreign, h -> h.set(HttpHeaders.ORIGIN, EVIL));
    ResponseEntity<String> markedCrossSite = startJourney(crossSite, h -> h.set("Sec-Fetch-Site", "cross-site"));
    ResponseEntity<String> fromNullOrigin = startJourney(crossSite, h -> h.set(HttpHeaders.ORIGIN, "null"));

    assertRefused(fromEvil, "Origin");
    assertRefused(markedCrossSite, "Sec-Fetch-Site");
    assertRefused(fromNullOrigin, "Origin");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(foreign).count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(crossSite).count()).isZero();

    assertThat(startJourney("order-" + UUID.randomUUID(), h -> {}).getStatusCode().value()).isEqualTo(201);
    assertThat(startJourney("order-" + UUID.randomUUID(), h -> h.set(HttpHeaders.ORIGIN, ownOrigin()))
        .getStatusCode().value()).isEqualTo(201);
    assertThat(startJourney("order-" + UUID.randomUUID(), h -> h.set("Sec-Fetch-Site", "same-origin"))
        .getStatusCode().value()).isEqualTo(201);
  }

  @Test
  void deployingThroughEngineRest_refusedFromAnotherSite_allowedFromNoBrowserOrThisSite() {
    String fromEvil = PROBE_KEY + "-" + UUID.randomUUID();
    String crossSite = PROBE_KEY + "-" + UUID.randomUUID();
    String plain = PROBE_KEY + "-" + UUID.randomUUID();
    String ownSite = PROBE_KEY + "-" + UUID.randomUUID();

    assertRefused(deploy(fromEvil, h -> h.set(HttpHeaders.ORIGIN, EVIL)), "Origin");
    assertRefused(deploy(crossSite, h -> h.set("Sec-Fetch-Site", "cross-site")), "Sec-Fetch-Site");
    assertThat(deploymentsNamed(fromEvil)).isEmpty();
    assertThat(deploymentsNamed(crossSite)).isEmpty();

    assertThat(deploy(plain, h -> {}).getStatusCode().value()).isEqualTo(200);
    assertThat(deploy(ownSite, h -> h.set(HttpHeaders.ORIGIN, ownOrigin())).getStatusCode().value()).isEqualTo(200);
    assertThat(deploymentsNamed(plain)).hasSize(1);
    assertThat(deploymentsNamed(ownSite)).hasSize(1);
  }

  @Test
  void replacingSandboxRules_refusedFromAnotherSite_allowedFromNoBrowserOrThisSite() {
    assertRefused(putRules(h -> h.set(HttpHeaders.ORIGIN, EVIL)), "Origin");
    assertRefused(putRules(h -> h.set("Sec-Fetch-Site", "cross-site")), "Sec-Fetch-Site");
    assertThat(sandboxRules.list()).isEmpty();

    assertThat(putRules(h -> {}).getStatusCode().value()).isEqualTo(200);
    sandboxRules.replace(List.of());
    assertThat(putRules(h -> h.set(HttpHeaders.ORIGIN, ownOrigin())).getStatusCode().value()).isEqualTo(200);
    assertThat(sandboxRules.list()).containsExactly(new SandboxRule("sms", "*", Outcome.FAIL, 0L));
  }

  @Test
  void readingFromAnotherSiteIsNotRefused() {
    // Reading needs CORS to reach the other site's script, and we send no CORS headers.
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ORIGIN, EVIL);
    headers.set("Sec-Fetch-Site", "cross-site");

    ResponseEntity<String> playbooks = api().exchange("/api/playbooks", HttpMethod.GET, new HttpEntity<>(headers),
        String.class);

    assertThat(playbooks.getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void theWebhooksAreNotBrowserRoutesAndKeepTheirSignatureCheck() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(HttpHeaders.ORIGIN, EVIL);

    ResponseEntity<String> unsigned = http.postForEntity("/webhooks/sandbox", new HttpEntity<>("{}", headers),
        String.class);

    assertThat(unsigned.getStatusCode().value()).isEqualTo(401);
  }

  private ResponseEntity<String> startJourney(String businessKey, Consumer<HttpHeaders> browser) {
    String body = """
        {"playbook": "order-confirmation", "businessKey": "%s",
         "customer": {"id": "cust-%s", "phone": "+989121234567"}, "variables": {"orderNumber": "1001"}}
        """.formatted(businessKey, UUID.randomUUID());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    browser.accept(headers);
    return api().exchange("/api/journeys", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  /** Deploys a one-task diagram the way Cockpit's and the Modeler's deploy button does: multipart. */
  private ResponseEntity<String> deploy(String name, Consumer<HttpHeaders> browser) {
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="probe">
          <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="start"/>
          </process>
        </definitions>
        """.formatted(PROBE_KEY);
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", name);
    form.add("data", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "probe.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    browser.accept(headers);
    return api().exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(form, headers),
        String.class);
  }

  private List<Deployment> deploymentsNamed(String name) {
    return repository.createDeploymentQuery().deploymentName(name).list();
  }

  private ResponseEntity<String> putRules(Consumer<HttpHeaders> browser) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    browser.accept(headers);
    String rules = "[{\"channel\": \"sms\", \"recipient\": \"*\", \"outcome\": \"fail\", \"delayMs\": 0}]";
    return api().exchange("/sandbox/rules", HttpMethod.PUT, new HttpEntity<>(rules, headers), String.class);
  }

  private String ownOrigin() {
    return "http://localhost:" + port;
  }

  private static void assertRefused(ResponseEntity<String> answer, String because) {
    assertThat(answer.getStatusCode().value()).isEqualTo(403);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody()).contains("\"title\":\"Cross-site request refused\"").contains(because);
  }
}
