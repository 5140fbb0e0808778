package io.omnijourney.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks HTTP Basic credentials against Camunda's own users, the ones an admin manages in Admin,
 * on every request and without a cache: a changed password, a deleted user or a group membership
 * removed takes effect on the next request. A client address with too many wrong passwords is
 * turned away first ({@link LoginThrottle}). The password and the groups are read in one
 * transaction: as two engine commands they were two PostgreSQL commits on every API request.
 */
@Component
class CamundaUsers implements AuthenticationProvider {

  /** Too many wrong passwords from this client address; answered 429. */
  static class LoginThrottled extends AuthenticationException {
    LoginThrottled() {
      super("Too many failed logins from this address; try again in a minute");
    }
  }

  private final IdentityService identity;
  private final LoginThrottle throttle;
  private final TransactionTemplate transaction;

  CamundaUsers(@Lazy IdentityService identity, LoginThrottle throttle, @Lazy PlatformTransactionManager transactions) {
    this.identity = identity;
    this.throttle = throttle;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    if (!throttle.allows(address)) {
      throw new LoginThrottled();
    }
    // Null for a wrong password; the transaction commits either way, so what the engine records of
    // a failed check is kept.
    List<SimpleGrantedAuthority> groups = user == null || password == null ? null
        : transaction.execute(status -> identity.checkPassword(user, password.toString()) ? groups(user) : null);
    if (groups == null) {
      throttle.failed(address);
      throw new BadCredentialsException("Bad credentials");
    }
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  /**
   * The groups of a user who logged in earlier (a page's session), read now: empty when the user
   * no longer exists.
   */
  Optional<List<SimpleGrantedAuthority>> currentGroups(String user) {
    return Optional.ofNullable(transaction.execute(status ->
        identity.createUserQuery().userId(user).count() == 0 ? null : groups(user)));
  }

  private List<SimpleGrantedAuthority> groups(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream()
        .map(g -> new SimpleGrantedAuthority(Role.authorityOf(g.getId())))
        .toList();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
