package io.omnijourney.security;

import io.omnijourney.support.JourneyTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Tests that log in as users of their own, each with a password the policy takes, deleted after the test. */
abstract class UsersTest extends JourneyTest {

  static final String PASSWORD = "Str0ng-Passw0rd!";

  @Autowired protected IdentityService identity;

  private final List<String> created = new ArrayList<>();

  /** A new user in these groups. Camunda's ids are letters and digits only. */
  String userIn(String... groups) {
    String id = "user" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    User user = identity.newUser(id);
    user.setFirstName("Test");
    user.setLastName("User");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    created.add(id);
    return id;
  }

  @AfterEach
  void deleteUsers() {
    created.stream().filter(id -> identity.createUserQuery().userId(id).count() > 0).forEach(identity::deleteUser);
    created.clear();
  }
}
