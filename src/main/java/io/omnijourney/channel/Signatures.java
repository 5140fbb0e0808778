package io.omnijourney.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures of webhook bodies, shared by every provider that signs its callbacks. */
public final class Signatures {

  private Signatures() {}

  public static byte[] hmac(String algorithm, String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC " + algorithm + " is not available", e);
    }
  }

  public static String hmacSha256Hex(String secret, byte[] data) {
    return HexFormat.of().formatHex(hmac("HmacSHA256", secret, data));
  }

  /** Compares in constant time; a missing signature never matches. */
  public static boolean matches(String expected, String received) {
    if (expected == null || received == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8));
  }
}
