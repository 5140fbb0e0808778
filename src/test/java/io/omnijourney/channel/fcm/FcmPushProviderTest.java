package io.omnijourney.channel.fcm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.omnijourney.channel.Channel;
import io.omnijourney.support.ThroughChannelProviders;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;

/**
 * The FCM provider against WireMock standing in for both of Google's endpoints: the OAuth2 token
 * endpoint (the service account key's {@code token_uri}) and FCM HTTP v1. The key is a throwaway
 * RSA key made here, so the token exchange is the real one: the library signs a JWT assertion and
 * posts it, and the test checks that signature with the public key.
 */
class FcmPushProviderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KeyPair KEY = rsaKey();
  private static final String PROJECT = "omnijourney-test";
  private static final String CLIENT_EMAIL = "fcm-sender@omnijourney-test.iam.gserviceaccount.com";
  private static final String ACCESS_TOKEN = "ya29.c.test-access-token";
  private static final String SEND_PATH = "/v1/projects/" + PROJECT + "/messages:send";
  private static final String PUSH_TOKEN = "bk3RNwTe3H0:CI2k_HHwgIpoDKCIZvvDMExUdFQ3P1";
  // The shape of FCM's own example of a message name.
  private static final String MESSAGE_NAME = "projects/" + PROJECT + "/messages/0:1500415314455276%31bd1c9631bd1c96";

  @RegisterExtension
  static final WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

  private FcmPushProvider provider;

  @BeforeEach
  void googleIssuesTokens() {
    google.stubFor(post(urlEqualTo("/token"))
        .willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    provider = provider(new FcmSettings(null, serviceAccountJson(), null, google.baseUrl()));
  }

  @Test
  void acceptedSendStoresTheMessageName() {
    google.stubFor(post(urlEqualTo(SEND_PATH)).willReturn(okJson("{\"name\":\"" + MESSAGE_NAME + "\"}")));

    SendOutcome outcome = provider.send(push("delivery-1"));

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted(MESSAGE_NAME));
    google.verify(postRequestedFor(urlEqualTo(SEND_PATH))
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .withRequestBody(equalToJson("""
            {"message": {
              "token": "%s",
              "notification": {"title": "Order 1001", "body": "Your order is confirmed."},
              "data": {"deliveryId": "delivery-1"}
            }}""".formatted(PUSH_TOKEN))));
  }

  @Test
  void theAccessTokenComesFromASignedTokenRequestAndIsReused() throws Exception {
    google.stubFor(post(urlEqualTo(SEND_PATH)).willReturn(okJson("{\"name\":\"" + MESSAGE_NAME + "\"}")));

    provider.send(push("delivery-1"));
    provider.send(push("delivery-2"));

    List<LoggedRequest> tokenRequests = google.findAll(postRequestedFor(urlEqualTo("/token")));
    assertThat(tokenRequests).as("one token for both sends: the library caches it").hasSize(1);
    Map<String, String> form = form(tokenRequests.get(0).getBodyAsString());
    assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    String[] jwt = form.get("assertion").split("\\.");
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(KEY.getPublic());
    rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("signed with the service account's key").isTrue();
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(claims.path("iss").asText()).isEqualTo(CLIENT_EMAIL);
    assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
    // The library names Google's token endpoint as the audience wherever token_uri points.
    assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
    google.verify(2, postRequestedFor(urlEqualTo(SEND_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
  }

  @Test
  void unregisteredTokenIsPermanentAndBlocksTheToken() {
    answer(404, """
        {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
          "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "UNREGISTERED"}]}}""");

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo("UNREGISTERED");
      assertThat(permanent.block()).isEqualTo(Block.UNREACHABLE);
    });
  }

  @Test
  void tokenOfAnotherProjectIsPermanentAndBlocksTheToken() {
    answer(403, """
        {"error": {"code": 403, "message": "SenderId mismatch", "status": "PERMISSION_DENIED",
          "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "SENDER_ID_MISMATCH"}]}}""");

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo("SENDER_ID_MISMATCH");
      assertThat(permanent.block()).isEqualTo(Block.UNREACHABLE);
    });
  }

  @Test
  void invalidTokenIsPermanentAndBlocksTheToken() {
    answer(400, """
        {"error": {"code": 400, "message": "Request contains an invalid argument.", "status": "INVALID_ARGUMENT",
          "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "INVALID_ARGUMENT"},
            {"@type": "type.googleapis.com/google.rpc.BadRequest",
             "fieldViolations": [{"field": "message.token", "description": "Invalid registration token"}]}]}}""");

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo("INVALID_ARGUMENT");
      assertThat(permanent.block()).isEqualTo(Block.UNREACHABLE);
    });
  }

  @Test
  void invalidMessageIsPermanentWithoutBlockingTheToken() {
    // FCM's answer to a payload over 4 KB: no details at all.
    answer(400, """
        {"error": {"code": 400, "message": "Request contains an invalid argument.", "status": "INVALID_ARGUMENT"}}""");

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Permanent.class, permanent -> {
      assertThat(permanent.code()).isEqualTo("INVALID_ARGUMENT");
      assertThat(permanent.block()).isEqualTo(Block.NONE);
    });
  }

  @Test
  void quotaExceededIsTransientAndHonoursRetryAfter() {
    google.stubFor(post(urlEqualTo(SEND_PATH)).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json").withHeader("Retry-After", "37")
        .withBody("""
            {"error": {"code": 429, "message": "Quota exceeded for the message target.", "status": "RESOURCE_EXHAUSTED",
              "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "QUOTA_EXCEEDED"}]}}""")));

    assertThat(provider.send(push("delivery-1"))).isEqualTo(
        new SendOutcome.Transient("QUOTA_EXCEEDED", "FCM answered 429 QUOTA_EXCEEDED", Duration.ofSeconds(37)));
  }

  @Test
  void unavailableAndInternalErrorsAreTransient() {
    answer(503, """
        {"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE",
          "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "UNAVAILABLE"}]}}""");
    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.code()).isEqualTo("UNAVAILABLE"));

    answer(500, """
        {"error": {"code": 500, "message": "Internal error encountered.", "status": "INTERNAL",
          "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "INTERNAL"}]}}""");
    assertThat(provider.send(push("delivery-2"))).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.code()).isEqualTo("INTERNAL"));
  }

  @Test
  void aGatewayErrorPageIsTransient() {
    google.stubFor(post(urlEqualTo(SEND_PATH)).willReturn(aResponse().withStatus(502)
        .withHeader("Content-Type", "text/html; charset=UTF-8")
        .withBody("<!DOCTYPE html><html lang=en><title>Error 502 (Server Error)!!1</title><p><b>502.</b>")));

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.code()).isEqualTo("502"));
  }

  @Test
  void apnsOrWebPushCredentialsRefusedIsMisconfigured() {
    answer(401, """
        {"error": {"code": 401, "message": "Auth error from APNS or Web Push Service", "status": "UNAUTHENTICATED",
          "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "THIRD_PARTY_AUTH_ERROR"}]}}""");

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("THIRD_PARTY_AUTH_ERROR"));
  }

  @Test
  void refusedAccessTokenIsMisconfigured() {
    answer(401, """
        {"error": {"code": 401, "message": "Request had invalid authentication credentials. Expected OAuth 2 access \
        token, login cookie or other valid authentication credential.", "status": "UNAUTHENTICATED"}}""");

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("UNAUTHENTICATED"));
  }

  @Test
  void serviceAccountWithoutRightsIsMisconfigured() {
    answer(403, """
        {"error": {"code": 403, "message": "Permission 'cloudmessaging.messages.create' denied on resource.",
          "status": "PERMISSION_DENIED"}}""");

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("PERMISSION_DENIED"));
  }

  @Test
  void tokenRequestRefusedByGoogleIsMisconfiguredAndNothingIsSent() {
    google.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}")));

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Misconfigured.class,
        problem -> assertThat(problem.code()).isEqualTo("oauth-token"));
    google.verify(0, postRequestedFor(urlEqualTo(SEND_PATH)));
  }

  @Test
  void tokenEndpointDownIsTransientAndNothingIsSent() {
    google.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(503)));

    assertThat(provider.send(push("delivery-1"))).isInstanceOfSatisfying(SendOutcome.Transient.class,
        later -> assertThat(later.code()).isEqualTo("oauth-token"));
    google.verify(1, postRequestedFor(urlEqualTo("/token")));
    google.verify(0, postRequestedFor(urlEqualTo(SEND_PATH)));
  }

  @Test
  void withoutCredentialsTheProviderSaysWhatIsMissingAndCallsNobody() {
    FcmPushProvider unconfigured = provider(new FcmSettings(null, null, null, google.baseUrl()));

    assertThat(unconfigured.missingSettings()).containsExactly("FCM_SERVICE_ACCOUNT_JSON (or GOOGLE_APPLICATION_CREDENTIALS)");
    assertThat(ThroughChannelProviders.send(unconfigured, push("delivery-1"))).isInstanceOf(SendOutcome.Misconfigured.class);
    assertThat(google.getAllServeEvents()).isEmpty();
  }

  @Test
  void anUnreadableKeyIsReportedWithoutQuotingIt() {
    FcmPushProvider broken = provider(new FcmSettings(null, "{\"type\":\"service_account\",\"private_key\":\"secret-bits\"",
        null, google.baseUrl()));

    assertThat(broken.missingSettings()).singleElement().asString()
        .startsWith("FCM_SERVICE_ACCOUNT_JSON (not a readable service account key")
        .doesNotContain("secret-bits");
    assertThat(ThroughChannelProviders.send(broken, push("delivery-1"))).isInstanceOf(SendOutcome.Misconfigured.class);
  }

  @Test
  void keyFileAndProjectIdFromTheirOwnSettings(@TempDir Path dir) throws Exception {
    Path keyFile = Files.writeString(dir.resolve("service-account.json"), serviceAccountJson());
    google.stubFor(post(urlEqualTo("/v1/projects/other-project/messages:send"))
        .willReturn(okJson("{\"name\":\"projects/other-project/messages/0:42\"}")));

    FcmPushProvider fromFile = provider(new FcmSettings("other-project", null, keyFile.toString(), google.baseUrl()));

    assertThat(fromFile.missingSettings()).isEmpty();
    assertThat(fromFile.sender(Channel.PUSH)).isEqualTo("other-project");
    assertThat(fromFile.send(push("delivery-1"))).isEqualTo(new SendOutcome.Accepted("projects/other-project/messages/0:42"));
  }

  private static FcmPushProvider provider(FcmSettings settings) {
    return new FcmPushProvider(RestClient.builder(), settings);
  }

  private static void answer(int status, String body) {
    google.stubFor(post(urlEqualTo(SEND_PATH)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body)));
  }

  private static OutboundMessage push(String reference) {
    return new OutboundMessage(reference, Channel.PUSH, PUSH_TOKEN, "Order 1001", "Your order is confirmed.", null);
  }

  /** A service account key as the Google Cloud console downloads it, with our throwaway key and WireMock as token_uri. */
  private static String serviceAccountJson() {
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEY.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    Map<String, String> key = new LinkedHashMap<>();
    key.put("type", "service_account");
    key.put("project_id", PROJECT);
    key.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
    key.put("private_key", pem);
    key.put("client_email", CLIENT_EMAIL);
    key.put("client_id", "104235478653219865432");
    key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    key.put("token_uri", google.baseUrl() + "/token");
    try {
      return JSON.writeValueAsString(key);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] nameValue = pair.split("=", 2);
      form.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8), URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  private static KeyPair rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
