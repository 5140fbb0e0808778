package io.omnijourney.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.support.JourneyTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /api/customers/import}: CSV and NDJSON, each row checked as a journey's customer is,
 * bad rows refused by line and field with nothing of them written, a second import updating the
 * same profiles, and templates reading the imported name and attributes.
 */
class ImportApiTest extends JourneyTest {

  static final MediaType CSV = MediaType.parseMediaType("text/csv");

  @Autowired JdbcClient jdbc;

  @Test
  void aCsvFileImportsItsGoodRowsAndRefusesEachBadOneByLineAndField() {
    String sara = id();
    String bad = id();
    String ivan = id();
    String csv = """
        id,name,phone,email,telegramChatId,whatsapp,viberId,locale,timeZone,tags,city,plan
        %s,Sara,+98 912 123 4567,Sara@Example.com,5512345,,,fa,Asia/Tehran,vip;newsletter,Tehran,gold
        %s,Bad,0912,not-an-email,,,,de,Mars/Olympus,,,
        %s,"Ivan, Jr.",+79161234567,,,,,ru,Europe/Moscow,,"Moscow",
        """.formatted(sara, bad, ivan);

    ResponseEntity<JsonNode> answer = importAs(api(), CSV, csv);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().path("accepted").asLong()).isEqualTo(2);
    assertThat(answer.getBody().path("refusedRows").asLong()).isEqualTo(1);
    assertThat(refusals(answer)).containsExactly(tuple(3, "email"), tuple(3, "locale"), tuple(3, "phone"),
        tuple(3, "timeZone"));
    JsonNode profile = customer(sara);
    assertThat(profile.path("name").asText()).isEqualTo("Sara");
    assertThat(profile.path("phone").asText()).isEqualTo("+989121234567");
    assertThat(profile.path("email").asText()).isEqualTo("sara@example.com");
    assertThat(profile.path("tags").toString()).isEqualTo("[\"newsletter\",\"vip\"]");
    assertThat(profile.path("attributes").toString()).isEqualTo("{\"city\":\"Tehran\",\"plan\":\"gold\"}");
    assertThat(customer(ivan).path("name").asText()).isEqualTo("Ivan, Jr.");
    assertThat(customer(ivan).path("attributes").toString()).isEqualTo("{\"city\":\"Moscow\"}");
    assertThat(api().getForEntity("/api/customers/" + bad, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void ndjsonLinesAreCheckedLikeAJourneysCustomerAndAnUnknownFieldOrWrongTypeIsRefusedByName() {
    String sara = id();
    String ivan = id();
    String unread = id();
    String ndjson = """
        {"id": "%s", "name": "Sara", "phone": "+989121234567", "locale": "fa", "preferredChannels": ["telegram"], \
        "tags": ["vip"], "attributes": {"plan": "gold", "visits": 3}}

        {"id": "%s", "phnoe": "+989121234567"}
        {"id": "%s", "tags": "vip"}
        {"id": "%s", "phone": "0912", "tags": ["no spaces"], "attributes": {"home city": "Tehran"}}
        ["not", "a", "customer"]
        {"id": "%s", "name": "Ivan", "telegramChatId": "5512345", "locale": "ru"}
        null
        Sara,+989121234567
        {"id": "%s", "name": "never read"}
        """.formatted(sara, id(), id(), id(), ivan, unread);

    ResponseEntity<JsonNode> answer = importAs(api(), MediaType.APPLICATION_NDJSON, ndjson);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().path("accepted").asLong()).isEqualTo(2);
    assertThat(answer.getBody().path("refusedRows").asLong()).isEqualTo(6);
    assertThat(refusals(answer)).containsExactly(tuple(3, "phnoe"), tuple(4, "tags"), tuple(5, "phone"),
        tuple(5, "tags[0]"), tuple(5, "attributes.home city"), tuple(6, "json"), tuple(8, "json"), tuple(9, "json"));
    assertThat(customer(sara).path("preferredChannels").toString()).isEqualTo("[\"telegram\"]");
    assertThat(customer(sara).path("attributes").toString()).isEqualTo("{\"plan\":\"gold\",\"visits\":\"3\"}");
    assertThat(customer(ivan).path("telegramChatId").asText()).isEqualTo("5512345");
    assertThat(api().getForEntity("/api/customers/" + unread, String.class).getStatusCode())
        .as("after a line that is not JSON, nothing is read").isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void importingAgainUpdatesTheSameProfilesAndAnEmptyCellKeepsWhatIsStored() {
    String id = id();
    importAs(api(), CSV, """
        id,name,phone,locale,tags,city,plan
        %s,Sara,+989121234567,fa,vip;newsletter,Tehran,gold
        """.formatted(id));

    ResponseEntity<JsonNode> again = importAs(api(), CSV, """
        id,name,phone,locale,tags,city,plan
        %s,Sara Ahmadi,,,newsletter,,silver
        """.formatted(id));

    assertThat(again.getBody().path("accepted").asLong()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE id = ?").param(id).query(Long.class).single())
        .isEqualTo(1);
    JsonNode profile = customer(id);
    assertThat(profile.path("name").asText()).isEqualTo("Sara Ahmadi");
    assertThat(profile.path("phone").asText()).isEqualTo("+989121234567");
    assertThat(profile.path("locale").asText()).isEqualTo("fa");
    assertThat(profile.path("tags").toString()).isEqualTo("[\"newsletter\"]");
    assertThat(profile.path("attributes").toString()).isEqualTo("{\"city\":\"Tehran\",\"plan\":\"silver\"}");
  }

  @Test
  void aRefusedRowWritesNothingNotEvenItsGoodFieldsAndLeavesAStoredProfileAsItWas() {
    String known = id();
    String fresh = id();
    importAs(api(), CSV, "id,name,tags,plan\n" + known + ",Sara,vip,gold\n");

    ResponseEntity<JsonNode> answer = importAs(api(), CSV, """
        id,name,phone,tags,plan
        %s,Someone Else,+79161234567,vip;bad tag,silver
        %s,Fresh,+7 000,ok,gold
        """.formatted(known, fresh));

    assertThat(answer.getBody().path("accepted").asLong()).isZero();
    assertThat(refusals(answer)).containsExactly(tuple(2, "tags[1]"), tuple(3, "phone"));
    JsonNode profile = customer(known);
    assertThat(profile.path("name").asText()).isEqualTo("Sara");
    assertThat(profile.path("phone").isMissingNode()).isTrue();
    assertThat(profile.path("tags").toString()).isEqualTo("[\"vip\"]");
    assertThat(profile.path("attributes").toString()).isEqualTo("{\"plan\":\"gold\"}");
    for (String table : List.of("customer WHERE id", "customer_tag WHERE customer_id",
        "customer_attribute WHERE customer_id")) {
      assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " = ?").param(fresh).query(Long.class).single())
          .as(table).isZero();
    }
  }

  @Test
  void theSameCustomerTwiceInOneFileIsOneProfileWithTheLaterRowsData() {
    String id = id();

    ResponseEntity<JsonNode> answer = importAs(api(), CSV, """
        id,name,city
        %s,First,Tehran
        %s,Second,
        """.formatted(id, id));

    assertThat(answer.getBody().path("accepted").asLong()).isEqualTo(2);
    assertThat(customer(id).path("name").asText()).isEqualTo("Second");
    assertThat(customer(id).path("attributes").toString()).isEqualTo("{\"city\":\"Tehran\"}");
  }

  @Test
  void rowsAcrossManyBatchesAreAllSavedAndARefusedOneInTheMiddleStopsNone() {
    String prefix = "bulk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    int rows = CustomerImport.BATCH * 2 + 7;
    StringBuilder csv = new StringBuilder("id,locale,tags\n");
    for (int i = 0; i < rows; i++) {
      csv.append(prefix).append(i).append(',').append(i == 600 ? "xx" : "fa").append(",bulk\n");
    }

    ResponseEntity<JsonNode> answer = importAs(api(), CSV, csv.toString());

    assertThat(answer.getBody().path("accepted").asLong()).isEqualTo(rows - 1);
    assertThat(refusals(answer)).containsExactly(tuple(602, "locale"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE id LIKE ?").param(prefix + "%").query(Long.class)
        .single()).isEqualTo(rows - 1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_tag WHERE customer_id LIKE ?").param(prefix + "%")
        .query(Long.class).single()).isEqualTo(rows - 1);
  }

  @Test
  void aCsvWithoutAnIdColumnOrWithABadColumnIsRefusedWholeAndImportsNothing() {
    String id = id();

    ResponseEntity<JsonNode> noId = importAs(api(), CSV, "name,phone\nSara,+989121234567\n");
    ResponseEntity<JsonNode> badColumns = importAs(api(), CSV, "id,home city,city,city\n" + id + ",a,b,c\n");
    ResponseEntity<JsonNode> empty = importAs(api(), CSV, "");

    assertThat(noId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noId.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(noId.getBody().path("errors").findValuesAsText("field")).containsExactly("header");
    assertThat(badColumns.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badColumns.getBody().path("errors").findValuesAsText("field")).containsExactly("header[1]", "header[3]");
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(api().getForEntity("/api/customers/" + id, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aByteOrderMarkQuotedLineBreaksAndAnUnclosedQuoteAreReadAsCsvIs() {
    String first = id();
    String second = id();
    String csv = "\uFEFFid,name,note\n" + first + ",\"Sara\",\"line one\nline two\"\n" + second + ",Ivan,x\n"
        + id() + ",\"Never closed\n";

    ResponseEntity<JsonNode> answer = importAs(api(), CSV, csv);

    assertThat(answer.getBody().path("accepted").asLong()).isEqualTo(2);
    assertThat(customer(first).path("attributes").path("note").asText()).isEqualTo("line one\nline two");
    assertThat(customer(second).path("name").asText()).isEqualTo("Ivan");
    assertThat(refusals(answer)).containsExactly(tuple(5, "csv"));
  }

  @Test
  void anotherContentTypeIs415() {
    ResponseEntity<JsonNode> answer = importAs(api(), MediaType.APPLICATION_JSON, "{\"id\": \"x\"}");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void templatesRenderTheImportedNameAndAttributesAndAStartForACustomerWithoutThemIsRefused() {
    String sara = id();
    String nameless = id();
    String phone = "+98912" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    importAs(api(), CSV, "id,name,phone,locale,plan\n" + sara + ",Sara," + phone + ",en,gold\n"
        + nameless + ",," + phone + ",en,gold\n");

    ProcessInstance greeting = greet(sara);
    sendNextChannel(greeting);

    assertThat(outbox.list(null, null)).anySatisfy(entry ->
        assertThat(entry.text()).isEqualTo("Hello Sara, your gold plan renews soon."));
    InvalidRequest refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequest.class, () -> greet(nameless));
    assertThat(refused.errors()).extracting(InvalidRequest.FieldError::field).containsExactly("customer.name");
  }

  @Test
  void appsAndSupervisorsImportAnalystsAndOperatorsMayNot() {
    for (String group : List.of("apps", "supervisors")) {
      String id = id();
      assertThat(importAs(asMemberOf(group), CSV, "id,name\n" + id + ",Sara\n").getStatusCode()).as(group)
          .isEqualTo(HttpStatus.OK);
      assertThat(customer(id).path("name").asText()).isEqualTo("Sara");
    }
    for (String group : List.of("analysts", "operators")) {
      String id = id();
      assertThat(importAs(asMemberOf(group), CSV, "id,name\n" + id + ",Sara\n").getStatusCode()).as(group)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(api().getForEntity("/api/customers/" + id, String.class).getStatusCode())
          .isEqualTo(HttpStatus.NOT_FOUND);
    }
  }

  private ProcessInstance greet(String customerId) {
    var request = new StartJourneyRequest("deliver-with-fallback", "greeting-" + UUID.randomUUID(),
        new CustomerUpdate(customerId, null, null, null, null, null, null, null, null, null),
        Map.of("template", "greeting-test", "category", "transactional"));
    String id = journeys.start(request, null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  static ResponseEntity<JsonNode> importAs(TestRestTemplate as, MediaType type, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    return as.postForEntity("/api/customers/import",
        new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), JsonNode.class);
  }

  private JsonNode customer(String id) {
    ResponseEntity<JsonNode> answer = api().getForEntity("/api/customers/" + id, JsonNode.class);
    assertThat(answer.getStatusCode()).as(id).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private static List<org.assertj.core.groups.Tuple> refusals(ResponseEntity<JsonNode> answer) {
    List<org.assertj.core.groups.Tuple> found = new java.util.ArrayList<>();
    answer.getBody().path("refused").forEach(r -> found.add(tuple(r.path("line").asInt(), r.path("field").asText())));
    return found;
  }

  private static String id() {
    return "imp-" + UUID.randomUUID();
  }
}
