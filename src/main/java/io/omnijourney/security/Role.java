package io.omnijourney.security;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

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

  private static final String PREFIX = "GROUP_";

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
    return PREFIX + group;
  }

  /** The Camunda groups of whoever made the request, as {@link CamundaUsers} read them. */
  public static Set<String> groupsOf(Authentication caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(PREFIX)).map(a -> a.substring(PREFIX.length())).collect(Collectors.toSet());
  }

  /** Whether the caller is a member of one of these roles' groups. */
  public static boolean any(Authentication caller, Role... roles) {
    Set<String> groups = groupsOf(caller);
    return Arrays.stream(roles).anyMatch(role -> groups.contains(role.group));
  }

  static List<String> groups(Role... roles) {
    return Arrays.stream(roles).map(Role::group).toList();
  }
}
