package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.support.JourneyTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Fault 13 of docs/reliability.md: nothing but the webhooks answers without a login. */
class AuthenticationTest extends JourneyTest {

  private static final String START = """
      {"playbook": "order-confirmation", "businessKey": "no-login",
       "customer": {"id": "cust-1", "phone": "+989121234567"}}
      """;

  @Test
  void fault13_apiEngineRestAndWebappsWithoutCredentials_401AndNothingRuns() {
    long journeysBefore = runtime.createProcessInstanceQuery().count();

    List<ResponseEntity<String>> answers = List.of(
        call(http, HttpMethod.POST, "/api/journeys", START),
        call(http, HttpMethod.GET, "/api/playbooks", null),
        call(http, HttpMethod.POST, "/api/events", "{\"name\": \"payment-received\"}"),
        call(http, HttpMethod.POST, "/engine-rest/process-definition/key/orderConfirmation/start", "{}"),
        call(http, HttpMethod.GET, "/engine-rest/process-instance", null),
        call(http, HttpMethod.GET, "/camunda/app/cockpit/default/", null),
        call(http, HttpMethod.GET, "/camunda/api/engine/engine/default/process-definition", null),
        call(http, HttpMethod.PUT, "/sandbox/rules", "[]"),
        call(http.withBasicAuth("demo", "wrong"), HttpMethod.GET, "/api/playbooks", null));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(401));
    assertThat(answers.get(0).getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(journeysBefore);
  }

  @Test
  void healthNeedsNoLoginAndIsUpWithoutAMailServer() {
    // Email goes through the sandbox here and no SMTP server runs: that must not mark us down.
    var health = http.getForEntity("/actuator/health", String.class);

    assertThat(health.getStatusCode().value()).isEqualTo(200);
    assertThat(health.getBody()).contains("\"status\":\"UP\"");
  }

  @Test
  void webhooksNeedNoLoginButTheirSignature() {
    assertThat(postWebhook("{}", null).getStatusCode().value()).isEqualTo(401);
    assertThat(report("sbx-unknown", "delivered").getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void theBasicLoginCarriesIntoCockpitWithoutASecondLogin() {
    var session = http.withBasicAuth("demo", "demo");
    ResponseEntity<String> cockpit = session.getForEntity("/camunda/app/cockpit/default/", String.class);
    String cookie = cockpit.getHeaders().getFirst(HttpHeaders.SET_COOKIE);

    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.COOKIE, cookie);
    ResponseEntity<String> user = session.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
        new HttpEntity<>(headers), String.class);

    assertThat(cockpit.getStatusCode().value()).isEqualTo(200);
    assertThat(user.getBody()).contains("\"userId\":\"demo\"");
  }

  private static ResponseEntity<String> call(
      org.springframework.boot.test.web.client.TestRestTemplate client, HttpMethod method, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }
}
