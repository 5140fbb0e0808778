package io.omnijourney.channel.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our {@code X-Twilio-Signature} recipe against Twilio's own documented examples (auth token
 * {@code 12345}): the request validator test of twilio-java and the signature validation snippet
 * of Twilio's docs, which differ only in the caller's number.
 */
class TwilioSignatureTest {

  private static final String TOKEN = "12345";
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

  @Test
  void matchesTheExampleOfTwiliosJavaSdk() {
    assertThat(TwilioSignature.of(TOKEN, URL, params("+14158675309"))).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  }

  @Test
  void matchesTheExampleOfTwiliosDocs() {
    assertThat(TwilioSignature.of(TOKEN, URL, params("+14158675310"))).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
  }

  @Test
  void aChangedParameterUrlOrTokenGivesAnotherSignature() {
    Map<String, List<String>> tampered = params("+14158675309");
    tampered.put("Digits", List.of("9999"));

    assertThat(TwilioSignature.of(TOKEN, URL, tampered)).isNotEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    assertThat(TwilioSignature.of(TOKEN, "http://mycompany.com/myapp.php?foo=1&bar=2", params("+14158675309")))
        .isNotEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    assertThat(TwilioSignature.of("54321", URL, params("+14158675309"))).isNotEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  }

  /** The example's POST parameters, in no particular order: the signature sorts them. */
  private static Map<String, List<String>> params(String caller) {
    Map<String, List<String>> params = new HashMap<>();
    params.put("To", List.of("+18005551212"));
    params.put("Digits", List.of("1234"));
    params.put("From", List.of(caller));
    params.put("CallSid", List.of("CA1234567890ABCDE"));
    params.put("Caller", List.of(caller));
    return params;
  }
}
