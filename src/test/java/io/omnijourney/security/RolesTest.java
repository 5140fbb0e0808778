package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Each group gets exactly its rights: what it may not do answers 403 (from our routes or from
 * Camunda's authorizations), what it may do works. Fault 13 covers the roles too: a login in no
 * group reaches nothing.
 */
class RolesTest extends UsersTest {

  @Autowired AuthorizationService authorizations;
  @Autowired RepositoryService repository;
  @Autowired FilterService filters;
  @Autowired RoleAuthorizations roleAuthorizations;
  @Autowired ObjectMapper json;

  @Test
  void theGroupsAndTheirAuthorizationsExistOnceEvenWhenCreatedAgain() {
    long authorizationsBefore = authorizations.createAuthorizationQuery().count();

    roleAuthorizations.postProcessEngineBuild(engine);

    assertThat(identity.createGroupQuery().list()).extracting(g -> g.getId())
        .contains("camunda-admin", "analysts", "supervisors", "operators", "apps");
    assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(authorizationsBefore);
    assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list()).extracting(User::getId).contains("demo");
  }

  @Test
  void anOperatorMayNotDeployCreateUsersChangePasswordsStoreExpressionFiltersOrOpenAdmin() {
    TestRestTemplate operator = as(userIn("operators"));
    long deployments = repository.createDeploymentQuery().count();
    long filtersBefore = filters.createFilterQuery().count();

    assertThat(deploy(operator, "operator-playbook").getStatusCode().value()).isEqualTo(403);
    assertThat(createUser(operator).getStatusCode().value()).isEqualTo(403);
    assertThat(changeDemosPassword(operator).getStatusCode().value()).isEqualTo(403);
    assertThat(storeFilterWithExpression(operator).getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(webappUser(operator)).doesNotContain("\"admin\"");
    assertThat(operator.getForEntity("/camunda/app/admin/default/", String.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(operator.getForEntity("/engine-rest/user", String.class).getBody()).contains("demo");
    assertThat(post(operator, "/api/journeys", startBody()).getStatusCode().value()).isEqualTo(403);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(filters.createFilterQuery().count()).isEqualTo(filtersBefore);
    assertThat(identity.checkPassword("demo", "demo")).isTrue();
  }

  @Test
  void anOperatorWorksInTasklistAndReadsCockpitButChangesNoJourney() {
    TestRestTemplate operator = as(userIn("operators"));
    var journey = startOrderConfirmation();

    assertThat(webappUser(operator)).contains("tasklist").contains("cockpit");
    assertThat(operator.getForEntity("/engine-rest/process-instance/" + journey.getId(), String.class)
        .getStatusCode().value()).isEqualTo(200);
    assertThat(operator.getForEntity("/api/playbooks", String.class).getStatusCode().value()).isEqualTo(200);
    assertThat(operator.exchange("/engine-rest/process-instance/" + journey.getId() + "/suspended", HttpMethod.PUT,
        json("{\"suspended\": true}"), String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey.getId()).active().count()).isEqualTo(1);
  }

  @Test
  void anAppStartsJourneysButMayNotDeployCreateUsersOrOpenAWebapp() throws Exception {
    TestRestTemplate app = as(userIn("apps"));
    long deployments = repository.createDeploymentQuery().count();

    ResponseEntity<String> started = post(app, "/api/journeys", startBody());
    ResponseEntity<String> cockpit = app.getForEntity("/camunda/app/cockpit/default/", String.class);

    assertThat(started.getStatusCode().value()).isEqualTo(201);
    assertThat(deploy(app, "app-playbook").getStatusCode().value()).isEqualTo(403);
    assertThat(createUser(app).getStatusCode().value()).isEqualTo(403);
    // Apps may not even read users: demo is not found for them.
    assertThat(changeDemosPassword(app).getStatusCode().value()).isIn(403, 404);
    assertThat(storeFilterWithExpression(app).getStatusCode().value()).isEqualTo(403);
    assertThat(cockpit.getStatusCode().value()).isEqualTo(403);
    assertThat(app.getForEntity("/camunda/app/admin/default/", String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void anAppStartsAJourneyThroughEngineRestToo() throws Exception {
    TestRestTemplate app = as(userIn("apps"));
    String body = """
        {"businessKey": "roles-%s", "variables": {
          "customerId": {"value": "roles-%s", "type": "String"},
          "customerPhone": {"value": "+989121234567", "type": "String"},
          "orderNumber": {"value": "77", "type": "String"}}}
        """.formatted(UUID.randomUUID(), UUID.randomUUID());

    ResponseEntity<String> answer = post(app, "/engine-rest/process-definition/key/orderConfirmation/start", body);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(runtime.createProcessInstanceQuery()
        .processInstanceId(json.readTree(answer.getBody()).get("id").asText()).count()).isEqualTo(1);
  }

  @Test
  void anAnalystDeploysAnOrdinaryPlaybookButStartsNoJourneyAndCreatesNoUser() {
    TestRestTemplate analyst = as(userIn("analysts"));

    ResponseEntity<String> deployed = deploy(analyst, "analyst-playbook");

    assertThat(deployed.getStatusCode().value()).isEqualTo(200);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("analystPlaybook").count()).isEqualTo(1);
    assertThat(post(analyst, "/api/journeys", startBody()).getStatusCode().value()).isEqualTo(403);
    assertThat(createUser(analyst).getStatusCode().value()).isEqualTo(403);
    assertThat(webappUser(analyst)).contains("cockpit").doesNotContain("tasklist");
  }

  @Test
  void aForbiddenRouteAnswers403ProblemNamingTheGroupsItNeeds() throws Exception {
    ResponseEntity<String> answer = post(as(userIn("operators")), "/api/events", "{\"name\": \"payment-received\"}");

    assertThat(answer.getStatusCode().value()).isEqualTo(403);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(answer.getBody());
    assertThat(problem.get("detail").asText()).contains("apps");
    assertThat(problem.get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("apps", "camunda-admin");
  }

  @Test
  void fault13_aLoginInNoGroupReachesNothing() {
    TestRestTemplate nobody = as(userIn());
    long journeys = runtime.createProcessInstanceQuery().count();
    startOrderConfirmation();

    assertThat(nobody.getForEntity("/api/playbooks", String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(post(nobody, "/api/journeys", startBody()).getStatusCode().value()).isEqualTo(403);
    assertThat(nobody.exchange("/sandbox/rules", HttpMethod.PUT, json("[]"), String.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(nobody.getForEntity("/camunda/app/tasklist/default/", String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(nobody.getForEntity("/engine-rest/process-instance", String.class).getBody()).isEqualTo("[]");
    // Camunda does not tell a user without read access that the playbook exists.
    assertThat(post(nobody, "/engine-rest/process-definition/key/orderConfirmation/start", "{}").getStatusCode().value())
        .isEqualTo(404);
    assertThat(deploy(nobody, "nobody-playbook").getStatusCode().value()).isEqualTo(403);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(journeys + 1);
  }

  @Test
  void aWeakPasswordIsRefusedByTheAdminToo() {
    String id = "weak" + UUID.randomUUID().toString().substring(0, 8);
    String body = """
        {"profile": {"id": "%s", "firstName": "Weak", "lastName": "Password"}, "credentials": {"password": "a"}}
        """.formatted(id);

    ResponseEntity<String> answer = post(api(), "/engine-rest/user/create", body);

    assertThat(answer.getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(identity.createUserQuery().userId(id).count()).isZero();
  }

  /** The webapps' view of the user (its groups and the apps it may open), in a webapp session. */
  static String webappUser(TestRestTemplate client) {
    String cookie = client.getForEntity("/camunda/app/welcome/default/", String.class)
        .getHeaders().getFirst(HttpHeaders.SET_COOKIE);
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.COOKIE, cookie);
    return client.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(headers),
        String.class).getBody();
  }

  TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  static ResponseEntity<String> post(TestRestTemplate client, String path, String body) {
    return client.postForEntity(path, json(body), String.class);
  }

  static ResponseEntity<String> createUser(TestRestTemplate client) {
    return post(client, "/engine-rest/user/create", """
        {"profile": {"id": "mallory%s", "firstName": "Mallory", "lastName": "M"},
         "credentials": {"password": "Str0ng-Passw0rd!"}}
        """.formatted(UUID.randomUUID().toString().substring(0, 8)));
  }

  static ResponseEntity<String> changeDemosPassword(TestRestTemplate client) {
    return client.exchange("/engine-rest/user/demo/credentials", HttpMethod.PUT,
        json("{\"password\": \"An0ther-Passw0rd!\", \"authenticatedUserPassword\": \"" + PASSWORD + "\"}"), String.class);
  }

  static ResponseEntity<String> storeFilterWithExpression(TestRestTemplate client) {
    return post(client, "/engine-rest/filter/create", """
        {"resourceType": "Task", "name": "mine", "query": {"assigneeExpression": "${currentUser()}"}}
        """);
  }

  static String startBody() {
    return """
        {"playbook": "order-confirmation", "businessKey": "roles-%s",
         "customer": {"id": "roles-%s", "phone": "+989121234567"}, "variables": {"orderNumber": "1"}}
        """.formatted(UUID.randomUUID(), UUID.randomUUID());
  }

  /** Deploys a small, harmless playbook through /engine-rest, as the Modeler's deploy button does. */
  static ResponseEntity<String> deploy(TestRestTemplate client, String name) {
    String key = toCamelCase(name);
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
          <process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="Start"/>
            <sequenceFlow id="Flow" sourceRef="Start" targetRef="End"/>
            <endEvent id="End"/>
          </process>
        </definitions>
        """.formatted(key, name);
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", name);
    parts.add("data", new ByteArrayResource(bpmn.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name + ".bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return client.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), String.class);
  }

  private static String toCamelCase(String name) {
    StringBuilder key = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        key.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return key.toString();
  }
}
