package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * People log in to our pages through the login form, with a session and a CSRF token, as Camunda
 * users; the page's groups decide; applications keep HTTP Basic without sessions on /api.
 */
class PageLoginTest extends UsersTest {

  @Value("${local.server.port}") int port;

  @Test
  void aSupervisorLogsInThroughTheFormAndSeesTheKpis() throws Exception {
    Browser browser = new Browser();
    String user = userIn("supervisors");

    HttpResponse<String> login = browser.logIn(user, PASSWORD);

    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/kpis"));
    HttpResponse<String> page = browser.get("/kpis?lang=en");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-kpi=\"journeys.started\"");
  }

  @Test
  void analystsAndAdminsMayOpenThePage() throws Exception {
    for (String user : new String[] {userIn("analysts"), userIn("camunda-admin")}) {
      Browser browser = new Browser();
      assertThat(browser.logIn(user, PASSWORD).statusCode()).isEqualTo(302);
      assertThat(browser.get("/kpis").statusCode()).as(user).isEqualTo(200);
    }
  }

  @Test
  void anOperatorIsRefusedThePage() throws Exception {
    Browser browser = new Browser();
    browser.logIn(userIn("operators"), PASSWORD);

    assertThat(browser.get("/kpis").statusCode()).isEqualTo(403);
  }

  @Test
  void aWrongPasswordIsRefusedAndOpensNothing() throws Exception {
    Browser browser = new Browser();
    String user = userIn("supervisors");

    HttpResponse<String> login = browser.logIn(user, "Wr0ng-Passw0rd!");

    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    assertThat(browser.get("/login?error&lang=en").body()).contains("Wrong user or password");
    HttpResponse<String> page = browser.get("/kpis");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void aLoginPostWithoutTheCsrfTokenIsRefused() throws Exception {
    Browser browser = new Browser();
    browser.get("/login");
    String user = userIn("supervisors");

    HttpResponse<String> login = browser.post("/login", "username=" + user + "&password=" + enc(PASSWORD));

    assertThat(login.statusCode()).isEqualTo(403);
    assertThat(browser.get("/kpis").statusCode()).isEqualTo(302);
  }

  @Test
  void thePagesSessionOpensNeitherTheApiNorEngineRestWhichKeepHttpBasic() throws Exception {
    Browser browser = new Browser();
    browser.logIn(userIn("supervisors"), PASSWORD);

    assertThat(browser.get("/api/kpis").statusCode()).isEqualTo(401);
    assertThat(browser.get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
    assertThat(http.withBasicAuth(userIn("apps"), PASSWORD).getForEntity("/api/kpis", String.class)
        .getStatusCode().value()).isEqualTo(200);
    // An application's HTTP Basic login does not open the pages: they take the login form only.
    var basic = new Browser();
    var answer = basic.client.send(HttpRequest.newBuilder(basic.uri("/kpis"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("demo:demo".getBytes()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void theLoginPageSpeaksTheBrowsersLanguageAndPersianRunsRightToLeft() throws Exception {
    Browser browser = new Browser();

    String persian = browser.get("/login", "fa-IR,fa;q=0.9,en;q=0.5").body();
    String russian = browser.get("/login", "ru").body();
    String switched = browser.get("/login?lang=en", "fa").body();

    assertThat(persian).contains("dir=\"rtl\"", "lang=\"fa\"", "گذرواژه");
    assertThat(russian).contains("dir=\"ltr\"", "lang=\"ru\"", "Пароль");
    assertThat(switched).contains("dir=\"ltr\"", "Password");
  }

  @Test
  void anOperatorLandsOnTheInboxWhoseScriptCallsItsApiWithTheSessionAndTheCsrfToken() throws Exception {
    Browser browser = new Browser();
    // A script's call without a login is answered, never remembered as the page to land on.
    assertThat(browser.get("/api/conversations").statusCode()).isEqualTo(401);
    HttpResponse<String> login = browser.logIn(userIn("operators", "support"), PASSWORD);
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/inbox"));

    HttpResponse<String> page = browser.get("/inbox?lang=en");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"inbox-setup\"", "support-canned-order-status");
    Matcher token = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.body());
    assertThat(token.find()).isTrue();

    assertThat(browser.get("/api/conversations").statusCode()).isEqualTo(200);
    assertThat(browser.get("/api/conversations/queues").body()).contains("\"queue\":\"support\"")
        .doesNotContain("\"queue\":\"sales\"");
    // A change needs the page's CSRF token; with it, the operator has an operator's rights, no more.
    assertThat(browser.postJson("/api/conversations/no-such-id/claim", null).statusCode()).isEqualTo(403);
    assertThat(browser.postJson("/api/conversations/no-such-id/claim", token.group(1)).statusCode()).isEqualTo(404);
    HttpResponse<String> assign = browser.postJson("/api/conversations/no-such-id/assign", token.group(1));
    assertThat(assign.statusCode()).isEqualTo(403);
    assertThat(assign.body()).contains("supervisors");
    // The session opens the inbox's routes only.
    assertThat(browser.get("/api/kpis").statusCode()).isEqualTo(401);
    assertThat(browser.get("/api/customers/anyone").statusCode()).isEqualTo(401);
  }

  @Test
  void aRemovedMembershipOrADeletedUserCountsOnTheSessionsNextRequest() throws Exception {
    Browser browser = new Browser();
    String user = userIn("operators", "support");
    browser.logIn(user, PASSWORD);
    assertThat(browser.get("/inbox").statusCode()).isEqualTo(200);

    identity.deleteMembership(user, "operators");
    assertThat(browser.get("/inbox").statusCode()).isEqualTo(403);
    assertThat(browser.get("/api/conversations").statusCode()).isEqualTo(403);

    identity.createMembership(user, "operators");
    assertThat(browser.get("/inbox").statusCode()).isEqualTo(200);
    identity.deleteUser(user);
    HttpResponse<String> page = browser.get("/inbox");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    HttpResponse<String> call = browser.get("/api/conversations");
    assertThat(call.statusCode()).isEqualTo(401);
    // The page's script gets no Basic challenge, which would open the browser's own login dialog.
    assertThat(call.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void anApplicationWithoutCredentialsIsStillAskedForHttpBasicOnTheInboxRoutes() throws Exception {
    HttpResponse<String> answer = new Browser().get("/api/conversations");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
        h -> assertThat(h).startsWith("application/problem+json"));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A browser's cookies, without following redirects: each test sees every answer. */
  private class Browser {
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return get(path, "en");
    }

    HttpResponse<String> get(String path, String language) throws IOException, InterruptedException {
      return client.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", language).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
      return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A page script's POST: JSON, with the page's CSRF token when given. */
    HttpResponse<String> postJson(String path, String csrfToken) throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{}"));
      if (csrfToken != null) {
        request.header("X-CSRF-TOKEN", csrfToken);
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> logIn(String user, String password) throws IOException, InterruptedException {
      Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/login").body());
      assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
      return post("/login", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1)));
    }

    private URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }
  }
}
