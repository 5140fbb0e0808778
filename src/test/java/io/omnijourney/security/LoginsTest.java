package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Logins that can't be turned against their owner: a stranger's wrong passwords throttle the
 * stranger's address and never lock the user out, and identity changes count on the next request.
 */
class LoginsTest extends UsersTest {

  private static final String STRANGER = "203.0.113.7";
  private static final String OWNER = "198.51.100.9";


  @Test
  void fifteenWrongPasswordsThrottleTheStrangersAddressButTheUserStillGetsIn() {
    String user = operator();
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      wrong.add(playbooks(user, "Wr0ng-Passw0rd!" + i, STRANGER).getStatusCode().value());
    }

    ResponseEntity<String> throttled = playbooks(user, PASSWORD, STRANGER);
    ResponseEntity<String> owner = playbooks(user, PASSWORD, OWNER);

    assertThat(wrong.subList(0, 10)).containsOnly(401);
    assertThat(wrong.subList(10, 15)).containsOnly(429);
    assertThat(throttled.getStatusCode().value()).isEqualTo(429);
    assertThat(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
    assertThat(throttled.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(owner.getStatusCode().value()).isEqualTo(200);
    assertThat(identity.checkPassword(user, PASSWORD)).isTrue();
  }

  @Test
  void aChangedPasswordCountsOnTheNextRequest() {
    String user = operator();
    assertThat(playbooks(user, PASSWORD, OWNER).getStatusCode().value()).isEqualTo(200);

    User changed = identity.createUserQuery().userId(user).singleResult();
    changed.setPassword("N3w-Passw0rd!!");
    identity.saveUser(changed);

    assertThat(playbooks(user, PASSWORD, OWNER).getStatusCode().value()).isEqualTo(401);
    assertThat(playbooks(user, "N3w-Passw0rd!!", OWNER).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void aDeletedUserOrARemovedMembershipCountsOnTheNextRequest() {
    String removed = operator();
    String deleted = operator();
    assertThat(playbooks(removed, PASSWORD, OWNER).getStatusCode().value()).isEqualTo(200);
    assertThat(playbooks(deleted, PASSWORD, OWNER).getStatusCode().value()).isEqualTo(200);

    identity.deleteMembership(removed, "operators");
    identity.deleteUser(deleted);

    assertThat(playbooks(removed, PASSWORD, OWNER).getStatusCode().value()).isEqualTo(403);
    assertThat(playbooks(deleted, PASSWORD, OWNER).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void aWebappSessionEndsWithTheUsersPasswordOrMembership() {
    String user = operator();
    ResponseEntity<String> tasklist = http.withBasicAuth(user, PASSWORD)
        .getForEntity("/camunda/app/tasklist/default/", String.class);
    String cookie = tasklist.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
    assertThat(tasklist.getStatusCode().value()).isEqualTo(200);
    assertThat(cookie).isNotNull();

    identity.deleteMembership(user, "operators");
    String apps = webappUser(user, PASSWORD, cookie).getBody();
    User changed = identity.createUserQuery().userId(user).singleResult();
    changed.setPassword("N3w-Passw0rd!!");
    identity.saveUser(changed);

    assertThat(apps).doesNotContain("tasklist");
    assertThat(webappUser(user, PASSWORD, cookie).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void aWebappSessionKeepsItsIdWhileTheLoginIsCheckedOnEveryRequest() {
    String user = operator();
    String cookie = http.withBasicAuth(user, PASSWORD).getForEntity("/camunda/app/tasklist/default/", String.class)
        .getHeaders().getFirst(HttpHeaders.SET_COOKIE);

    ResponseEntity<String> first = webappUser(user, PASSWORD, cookie);
    ResponseEntity<String> second = webappUser(user, PASSWORD, cookie);

    // Tasklist keeps its view of the user and its CSRF token in that session: a new id each time
    // would log the page out after its first call.
    assertThat(first.getStatusCode().value()).isEqualTo(200);
    assertThat(second.getBody()).contains("\"userId\":\"" + user + "\"");
    assertThat(first.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    assertThat(second.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
  }

  @Test
  void requestsLeaveNoSessionBehind() {
    var anonymous = http.getForEntity("/api/playbooks", String.class);
    var loggedIn = api().getForEntity("/api/playbooks", String.class);
    var webhook = report("sbx-unknown-" + UUID.randomUUID(), "delivered");

    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    assertThat(List.of(anonymous, loggedIn, webhook))
        .allSatisfy(answer -> assertThat(answer.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull());
  }

  private ResponseEntity<String> webappUser(String user, String password, String cookie) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.COOKIE, cookie);
    return http.withBasicAuth(user, password)
        .exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  private ResponseEntity<String> playbooks(String user, String password, String address) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", address);
    return http.withBasicAuth(user, password)
        .exchange("/api/playbooks", HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  private String operator() {
    return userIn("operators");
  }
}
