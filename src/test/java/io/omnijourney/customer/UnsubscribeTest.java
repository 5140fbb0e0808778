package io.omnijourney.customer;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.support.JourneyTest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The signed unsubscribe link in every email: one click opts the customer out of email. */
class UnsubscribeTest extends JourneyTest {

  private static final Pattern LINK = Pattern.compile("https?://\\S+/u/([A-Za-z0-9_.-]+)");

  @Autowired ChannelBlocks blocks;
  @Autowired UnsubscribeLinks links;

  @Test
  void theInvoiceEmailCarriesALinkThatOptsTheCustomerOutOfEmailWithoutALogin() {
    String id = "cust-" + UUID.randomUUID();
    String token = tokenFromInvoiceEmailOf(id);

    ResponseEntity<String> page = http.getForEntity("/u/" + token, String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(page.getBody()).contains("lang=\"fa\"").contains("اشتراک شما لغو شد");
    assertThat(blocks.blocked(id, Channel.EMAIL, SARA_EMAIL)).contains(Block.OPTED_OUT);
    JsonNode optOut = api().getForObject("/api/customers/" + id, JsonNode.class).path("optOuts").path(0);
    assertThat(optOut.path("channel").asText()).isEqualTo("email");
    assertThat(optOut.path("source").asText()).isEqualTo("unsubscribe-link");
    assertThat(blocks.blocked(id, Channel.SMS, SARA_PHONE)).isEmpty();
  }

  @Test
  void mailClientsOneClickPostWorksToo() {
    String id = "cust-" + UUID.randomUUID();
    startOrderConfirmation(id, Map.of());

    ResponseEntity<String> answer = http.postForEntity("/u/" + links.linkFor(id, Channel.EMAIL).replaceAll(".*/u/", ""),
        null, String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(blocks.blocked(id, Channel.EMAIL, SARA_EMAIL)).contains(Block.OPTED_OUT);
  }

  @Test
  void aForgedOrTamperedLinkIs404AndChangesNothing() {
    String id = "cust-" + UUID.randomUUID();
    startOrderConfirmation(id, Map.of());
    String token = links.linkFor(id, Channel.EMAIL).replaceAll(".*/u/", "");
    String otherCustomer = links.linkFor("cust-" + UUID.randomUUID(), Channel.EMAIL).replaceAll(".*/u/", "");
    String forged = token.substring(0, token.indexOf('.')) + otherCustomer.substring(otherCustomer.indexOf('.'));

    for (String bad : new String[] {forged, token.substring(0, token.length() - 2) + "xx", "nonsense", "a.b"}) {
      assertThat(http.getForEntity("/u/" + bad, String.class).getStatusCode()).as(bad).isEqualTo(HttpStatus.NOT_FOUND);
    }
    assertThat(blocks.blocked(id, Channel.EMAIL, SARA_EMAIL)).isEmpty();
  }

  /** Runs an order confirmation to its invoice email and reads the unsubscribe token out of it. */
  private String tokenFromInvoiceEmailOf(String customerId) {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation(customerId, Map.of());
    executeJob(journey, SEND_SMS);
    report(delivery(journey, "sms").providerMessageId(), "delivered");
    executeJob(journey, WAIT_INVOICE);
    executeJob(journey, SEND_INVOICE);
    Entry email = outbox.list("email", SARA_EMAIL).stream().reduce((a, b) -> b).orElseThrow();
    Matcher link = LINK.matcher(email.text());
    assertThat(link.find()).as("the email has an unsubscribe link").isTrue();
    return link.group(1);
  }
}
