package io.omnijourney.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Webhook signatures, shared by every provider that signs its callbacks: HMACs and digests in the
 * encodings providers use, a constant-time comparison, and the refusal a bad signature gets.
 */
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

  public static String hmacSha1Base64(String secret, byte[] data) {
    return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret, data));
  }

  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Compares in constant time; a missing signature never matches. */
  public static boolean matches(String expected, String received) {
    if (expected == null || received == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8));
  }

  /** The answer to a webhook whose signature is missing or wrong: 401, and nothing stored. */
  public static ResponseEntity<ProblemDetail> refuse(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
    problem.setTitle("Invalid webhook signature");
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
  }
}
