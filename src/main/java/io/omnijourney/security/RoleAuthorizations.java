package io.omnijourney.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.DELETE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ_TASK;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;
import static org.camunda.bpm.engine.authorization.Resources.USER;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates, at every start and only where missing, the product's groups ({@link Role}), what each
 * may do in the engine, and the first admin. Camunda checks these authorizations in Cockpit,
 * Tasklist, Admin and {@code /engine-rest}; an authorization an admin changed later is left as it
 * is. Tasks need no grant here: Camunda gives a task's candidate groups and assignee their own
 * authorization when it creates the task, so operators see the tasks of their queues.
 */
@Component
public class RoleAuthorizations extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(RoleAuthorizations.class);

  /** One authorization: a group may do these on every resource of a type, or on one by id. */
  record Grant(Role role, Resource resource, String resourceId, List<Permission> permissions) {}

  static final List<Grant> GRANTS = grants();

  /** The first admin's name; Camunda's password policy refuses a password that contains it. */
  static final String ADMIN_FIRST_NAME = "Omnijourney";
  static final String ADMIN_LAST_NAME = "Admin";

  private final String adminId;
  private final String adminPassword;
  private final boolean production;

  RoleAuthorizations(
      @Value("${omnijourney.admin.id}") String adminId,
      @Value("${omnijourney.admin.password:}") String adminPassword,
      Environment environment) {
    this.adminId = adminId;
    this.adminPassword = adminPassword;
    this.production = environment.matchesProfiles("prod");
  }

  private static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (Resource resource : Resources.values()) {
      grants.add(new Grant(Role.ADMIN, resource, ANY, List.of(ALL)));
    }

    grants.add(new Grant(Role.ANALYSTS, APPLICATION, "cockpit", List.of(ACCESS)));
    grants.add(new Grant(Role.ANALYSTS, DEPLOYMENT, ANY, List.of(CREATE, READ, DELETE)));
    grants.add(new Grant(Role.ANALYSTS, PROCESS_DEFINITION, ANY, List.of(READ, READ_HISTORY, READ_INSTANCE)));
    grants.add(new Grant(Role.ANALYSTS, PROCESS_INSTANCE, ANY, List.of(READ)));
    grants.add(new Grant(Role.ANALYSTS, DECISION_DEFINITION, ANY, List.of(READ, READ_HISTORY)));
    grants.add(new Grant(Role.ANALYSTS, DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(READ)));

    for (Role team : List.of(Role.OPERATORS, Role.SUPERVISORS)) {
      boolean supervisor = team == Role.SUPERVISORS;
      grants.add(new Grant(team, APPLICATION, "tasklist", List.of(ACCESS)));
      grants.add(new Grant(team, APPLICATION, "cockpit", List.of(ACCESS)));
      // Their own filters in Tasklist, and the shared ones; a filter lists only tasks they may read.
      grants.add(new Grant(team, FILTER, ANY, List.of(CREATE, READ)));
      // Names of colleagues and groups, for assignees and candidate groups; never passwords.
      grants.add(new Grant(team, USER, ANY, List.of(READ)));
      grants.add(new Grant(team, GROUP, ANY, List.of(READ)));
      grants.add(new Grant(team, PROCESS_DEFINITION, ANY, List.of(READ, READ_HISTORY, READ_INSTANCE, READ_TASK)));
      grants.add(new Grant(team, DECISION_DEFINITION, ANY, List.of(READ)));
      // Supervisors retry and fix stuck journeys; operators look.
      grants.add(new Grant(team, PROCESS_INSTANCE, ANY, supervisor ? List.of(READ, UPDATE) : List.of(READ)));
      if (supervisor) {
        // Every queue's tasks, to read and to assign to anyone.
        grants.add(new Grant(team, TASK, ANY, List.of(READ, UPDATE)));
      }
    }

    // Applications start journeys through /engine-rest as well as /api; they open no webapp.
    grants.add(new Grant(Role.APPS, PROCESS_DEFINITION, ANY, List.of(READ, CREATE_INSTANCE)));
    grants.add(new Grant(Role.APPS, PROCESS_INSTANCE, ANY, List.of(CREATE)));
    return List.copyOf(grants);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    for (Role role : Role.values()) {
      idempotently(() -> identity.createGroupQuery().groupId(role.group()).count() > 0, () -> {
        Group group = identity.newGroup(role.group());
        group.setName(role.title());
        group.setType(Groups.GROUP_TYPE_SYSTEM);
        identity.saveGroup(group);
        log.info("Created the group {}", role.group());
      });
    }
    for (Grant grant : GRANTS) {
      idempotently(() -> exists(authorizations, grant), () -> {
        Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(grant.role().group());
        authorization.setResource(grant.resource());
        authorization.setResourceId(grant.resourceId());
        grant.permissions().forEach(authorization::addPermission);
        authorizations.saveAuthorization(authorization);
      });
    }
    createFirstAdmin(identity);
  }

  /**
   * The admin from {@code OMNIJOURNEY_ADMIN_USER}, created when no such user exists. Camunda's
   * password policy holds for every user; the one exception is this first admin outside the
   * {@code prod} profile, so that the local first run keeps its {@code demo}/{@code demo} login.
   */
  private void createFirstAdmin(IdentityService identity) {
    idempotently(() -> identity.createUserQuery().userId(adminId).count() > 0, () -> {
      User admin = identity.newUser(adminId);
      admin.setFirstName(ADMIN_FIRST_NAME);
      admin.setLastName(ADMIN_LAST_NAME);
      admin.setPassword(adminPassword);
      // Camunda's own service offers the policy's skip; its interface does not.
      ((IdentityServiceImpl) identity).saveUser(admin, !production);
      identity.createMembership(adminId, Role.ADMIN.group());
      log.info("Created the first admin user {}", adminId);
    });
  }

  private static boolean exists(AuthorizationService authorizations, Grant grant) {
    return authorizations.createAuthorizationQuery()
        .groupIdIn(grant.role().group())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .count() > 0;
  }

  /**
   * Two nodes starting together on one database may both find something missing; the second
   * insert then fails on Camunda's unique keys, and what it wanted to create exists after all.
   */
  private static void idempotently(BooleanSupplier exists, Runnable create) {
    if (exists.getAsBoolean()) {
      return;
    }
    try {
      create.run();
    } catch (RuntimeException e) {
      if (!exists.getAsBoolean()) {
        throw e;
      }
    }
  }
}
