package io.omnijourney;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.support.JourneyTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The README's commands work when pasted: each curl block runs in bash against the running
 * application (its port instead of 8080), and every request must answer 2xx. The placeholders a
 * reader fills in from an earlier answer are filled in the same way.
 */
class ReadmeCommandsTest extends JourneyTest {

  private static final Pattern BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  @AfterEach
  void removeTheOperator() {
    if (identity.createUserQuery().userId("maryam").count() > 0) {
      identity.deleteUser("maryam");
    }
  }

  @Test
  void everyCurlBlockOfTheReadmeAnswers2xx() throws Exception {
    List<String> blocks = curlBlocks();
    String journeyId = startTheToursJourney();

    for (String block : blocks) {
      String script = block.replace("localhost:8080", "localhost:" + port)
          .replace("<journeyId>", journeyId)
          .replace("<the sms providerMessageId>", "sbx-readme");
      Result result = bash(script);
      assertThat(result.exit()).as("README block:%n%s%n%s", block, result.output()).isZero();
      // What the job executor of the running application would have done by the next command.
      runDueSupportJobs();
    }

    assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
    assertThat(identity.createUserQuery().memberOfGroup("operators").userId("maryam").count()).isEqualTo(1);
  }

  private static List<String> curlBlocks() throws Exception {
    Matcher m = BLOCK.matcher(Files.readString(Path.of("README.md")));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).contains("curl ")) {
        blocks.add(m.group(1));
      }
    }
    return blocks;
  }

  /** The tour's start, with its Idempotency-Key: the README's own start then answers this journey. */
  private String startTheToursJourney() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("Idempotency-Key", "tour-1");
    String body = """
        {"playbook": "order-confirmation", "businessKey": "order-1001",
         "customer": {"id": "cust-42", "phone": "+989121234567", "email": "sara@example.com", "locale": "fa"},
         "variables": {"orderNumber": "1001", "smsTimeout": "PT10S", "invoiceDelay": "PT30S", "thankYouDelay": "PT1M"}}""";
    String answer = api().postForEntity("/api/journeys", new HttpEntity<>(body, headers), String.class).getBody();
    Matcher id = Pattern.compile("\"journeyId\":\"([^\"]+)\"").matcher(answer);
    assertThat(id.find()).as(answer).isTrue();
    return id.group(1);
  }

  /** Runs the support conversations' due jobs (the acknowledgement before an operator's task). */
  private void runDueSupportJobs() {
    for (int round = 0; round < 5; round++) {
      List<Job> due = management.createJobQuery().processDefinitionKey("supportConversation").executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private record Result(int exit, String output) {}

  /** Runs a block with curl failing on any answer of 400 or more, and bash stopping at the first failure. */
  private static Result bash(String script) throws Exception {
    String strict = "set -e\ncurl() { command curl -sS --fail-with-body \"$@\"; echo; }\n" + script;
    Process process = new ProcessBuilder("bash", "-c", strict).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
