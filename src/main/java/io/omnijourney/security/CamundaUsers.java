package io.omnijourney.security;

import java.util.List;
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

/**
 * Checks HTTP Basic credentials against Camunda's own users, the ones an admin manages in Admin,
 * on every request and without a cache: a changed password, a deleted user or a group membership
 * removed takes effect on the next request. A client address with too many wrong passwords is
 * turned away first ({@link LoginThrottle}).
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

  CamundaUsers(@Lazy IdentityService identity, LoginThrottle throttle) {
    this.identity = identity;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    if (!throttle.allows(address)) {
      throw new LoginThrottled();
    }
    if (user == null || password == null || !identity.checkPassword(user, password.toString())) {
      throttle.failed(address);
      throw new BadCredentialsException("Bad credentials");
    }
    List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(g -> new SimpleGrantedAuthority(Role.authorityOf(g.getId())))
        .toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
