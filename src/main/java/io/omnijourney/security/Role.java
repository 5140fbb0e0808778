package io.omnijourney.security;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;

/**
 * The roles of the product, each a Camunda group that an admin manages in Admin. What each may do
 * is said twice, in the two places that enforce it: {@link ApiAccess} for our own routes and
 * {@link RoleAuthorizations} for the engine (Cockpit, Tasklist, Admin, {@code /engine-rest}).
 */
public enum Role {
  /** Everything: users, groups, authorizations, deployments. */
  ADMIN(Groups.CAMUNDA_ADMIN, "Administrators"),
  /** Deploy playbooks, decisions and forms; read Cockpit; templates. */
  ANALYSTS("analysts", "Analysts"),
  /** All that operators may, on every queue; assign work to anyone; retry stuck journeys. */
  SUPERVISORS("supervisors", "Supervisors"),
  /** The tasks and conversations of their queues; Tasklist; Cockpit read-only. */
  OPERATORS("operators", "Operators"),
  /** Applications: journeys, business events, customers, templates, KPIs; no webapps. */
  APPS("apps", "Applications");

  private final String group;
  private final String title;

  Role(String group, String title) {
    this.group = group;
    this.title = title;
  }

  /** The Camunda group id. */
  public String group() {
    return group;
  }

  String title() {
    return title;
  }

  /** The authority Spring Security gives a member of this group (see {@link CamundaUsers}). */
  String authority() {
    return authorityOf(group);
  }

  static String authorityOf(String group) {
    return "GROUP_" + group;
  }

  static List<String> groups(Role... roles) {
    return Arrays.stream(roles).map(Role::group).toList();
  }
}
