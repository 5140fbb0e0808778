package io.omnijourney.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Users a test creates, each with a password the policy takes, deleted again after the test. */
class TestUsers {

  static final String PASSWORD = "Str0ng-Passw0rd!";

  private final IdentityService identity;
  private final List<String> created = new ArrayList<>();

  TestUsers(IdentityService identity) {
    this.identity = identity;
  }

  /** A new user in these groups. Camunda's ids are letters and digits only. */
  String in(String... groups) {
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

  void deleteAll() {
    created.stream().filter(id -> identity.createUserQuery().userId(id).count() > 0).forEach(identity::deleteUser);
    created.clear();
  }
}
