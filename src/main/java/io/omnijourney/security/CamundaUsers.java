package io.omnijourney.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's own users, the ones operators manage in Admin.
 * Applications send the same credentials with every request; a successful check is remembered for
 * 30 seconds (keyed by a hash, never the password itself), so a changed or revoked password takes
 * effect within that time while each request no longer costs two database reads.
 */
@Component
class CamundaUsers implements AuthenticationProvider {

  private final IdentityService identity;
  private final Cache<String, Authentication> recent = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofSeconds(30))
      .maximumSize(10_000)
      .build();

  CamundaUsers(@Lazy IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    if (user == null || password == null) {
      throw new BadCredentialsException("Bad credentials");
    }
    String key = hash(user, password.toString());
    Authentication known = recent.getIfPresent(key);
    if (known != null) {
      return known;
    }
    if (!identity.checkPassword(user, password.toString())) {
      throw new BadCredentialsException("Bad credentials");
    }
    List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(g -> new SimpleGrantedAuthority("GROUP_" + g.getId()))
        .toList();
    Authentication checked = UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    recent.put(key, checked);
    return checked;
  }

  private static String hash(String user, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest((user + '\0' + password).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
