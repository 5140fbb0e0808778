package io.omnijourney.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.Customers;
import io.omnijourney.support.JourneyTest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/segments}: each filter field picks the customers it should, evaluated in the
 * database; bad filters are refused field by field; the preview's size and sample; who may read
 * and write; no filter value changes the SQL; and the id walk campaigns use.
 */
class SegmentApiTest extends JourneyTest {

  @Autowired Customers customers;
  @Autowired ChannelBlocks blocks;
  @Autowired Segments segments;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  /** A tag only this test's customers have, so that other tests' customers stay out of its segments. */
  private String run;
  private String sara;
  private String ivan;
  private String optedOut;
  private String newNumber;
  private String blocked;

  /**
   * Sara (fa, Iran, Tehran, Telegram read 5 days ago, bought today, vip, Tehran); Ivan (ru, Russia,
   * Moscow, bought 100 days ago, Moscow); one who opted out of Telegram (en, Iran, wrote
   * on WhatsApp 40 days ago, vip, Shiraz); one whose old number was unreachable and who has a new one
   * (fa); one whose own number is unreachable (fa).
   */
  @BeforeEach
  void customers() {
    run = "run-" + UUID.randomUUID().toString().substring(0, 8);
    sara = id("a-sara");
    ivan = id("b-ivan");
    optedOut = id("c-opted-out");
    newNumber = id("d-new-number");
    blocked = id("e-blocked");
    importCsv("""
        id,name,phone,email,telegramChatId,locale,timeZone,tags,city
        %s,Sara,+989121234567,,5512345,fa,Asia/Tehran,%s;vip,Tehran
        %s,Ivan,+79161234567,ivan@example.ru,,ru,Europe/Moscow,%s,Moscow
        %s,Ali,+989121230000,,5512346,en,Asia/Tehran,%s;vip,Shiraz
        %s,Reza,+989121231111,,,fa,Asia/Tehran,%s,
        %s,Mina,+989121232222,,,fa,Asia/Tehran,%s,
        """.formatted(sara, run, ivan, run, optedOut, run, newNumber, run, blocked, run));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    customers.engaged(sara, Channel.TELEGRAM, now.minusDays(5));
    customers.engaged(optedOut, Channel.WHATSAPP, now.minusDays(40));
    customers.purchased(ivan, now.minusDays(100));
    blocks.optOut(optedOut, Channel.TELEGRAM, "api");
    blocks.block(newNumber, Channel.SMS, "+989120000000", Block.UNREACHABLE, "sandbox", "invalid-number");
    blocks.block(blocked, Channel.SMS, "+989121232222", Block.UNREACHABLE, "sandbox", "invalid-number");
    // Named by a business key no journey has: the event only marks the purchase on the profile, and
    // leaves alone the journeys other tests left waiting for a purchase in the shared database.
    ResponseEntity<JsonNode> purchase = api().postForEntity("/api/events",
        Map.of("name", "purchase-completed", "customerId", sara, "businessKey", "segment-test-" + sara),
        JsonNode.class);
    assertThat(purchase.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void localeCountryAndTimeZoneEachPickTheirCustomers() {
    assertThat(members(Map.of("locale", List.of("fa")))).containsExactly(sara, newNumber, blocked);
    assertThat(members(Map.of("locale", List.of("ru", "en")))).containsExactly(ivan, optedOut);
    assertThat(members(Map.of("country", List.of("RU")))).containsExactly(ivan);
    assertThat(members(Map.of("country", List.of("IR")))).containsExactly(sara, optedOut, newNumber, blocked);
    assertThat(members(Map.of("timeZone", List.of("Europe/Moscow")))).containsExactly(ivan);
  }

  @Test
  void reachableOnNeedsAnAddressAndNoOptOutOrBlockOnIt() {
    assertThat(members(Map.of("reachableOn", List.of("telegram")))).containsExactly(sara);
    assertThat(members(Map.of("reachableOn", List.of("email")))).containsExactly(ivan);
    // An old number's block does not count against a new number; the current number's does.
    assertThat(members(Map.of("reachableOn", List.of("sms")))).containsExactly(sara, ivan, optedOut, newNumber);
    assertThat(members(Map.of("reachableOn", List.of("telegram", "email")))).containsExactly(sara, ivan);
    // WhatsApp goes to the phone when there is no WhatsApp number.
    assertThat(members(Map.of("reachableOn", List.of("whatsapp")))).containsExactly(sara, ivan, optedOut, newNumber,
        blocked);
  }

  @Test
  void learnedChannelTagsAndAttributesEachPickTheirCustomers() {
    assertThat(members(Map.of("learnedChannel", List.of("whatsapp")))).containsExactly(optedOut);
    assertThat(members(Map.of("tags", List.of("vip")))).containsExactly(sara, optedOut);
    assertThat(members(Map.of("tags", List.of("vip", "never-given")))).isEmpty();
    assertThat(members(Map.of("attributes", Map.of("city", List.of("Tehran", "Shiraz"))))).containsExactly(sara,
        optedOut);
    assertThat(members(Map.of("attributes", Map.of("city", List.of("Moscow"), "plan", List.of("gold"))))).isEmpty();
  }

  @Test
  void engagementAndPurchaseWithinNDays() {
    assertThat(members(Map.of("engagedWithinDays", 30))).containsExactly(sara);
    assertThat(members(Map.of("engagedWithinDays", 60))).containsExactly(sara, optedOut);
    assertThat(members(Map.of("purchasedWithinDays", 30))).containsExactly(sara);
    assertThat(members(Map.of("purchasedWithinDays", 365))).containsExactly(sara, ivan);
  }

  @Test
  void fieldsTogetherNarrowTheSegment() {
    assertThat(members(Map.of("locale", List.of("fa", "en"), "tags", List.of("vip"), "reachableOn",
        List.of("sms"), "engagedWithinDays", 60))).containsExactly(sara, optedOut);
    assertThat(members(Map.of())).containsExactly(sara, ivan, optedOut, newNumber, blocked);
  }

  @Test
  void thePreviewCountsEveryMemberAndSamplesTheFirstTenByIdWithoutContactData() {
    StringBuilder csv = new StringBuilder("id,phone,email,tags\n");
    for (int i = 0; i < 15; i++) {
      csv.append(id("f-" + (100 + i))).append(",+98912123").append(4000 + i).append(",x").append(i)
          .append("@example.com,").append(run).append(";many\n");
    }
    importCsv(csv.toString());
    String name = create(Map.of("tags", List.of(run, "many")));

    JsonNode preview = api().getForObject("/api/segments/" + name + "/preview", JsonNode.class);

    assertThat(preview.path("size").asLong()).isEqualTo(15);
    assertThat(preview.path("sample")).hasSize(10);
    assertThat(preview.path("sample").get(0).path("id").asText()).isEqualTo(id("f-100"));
    assertThat(preview.path("sample").get(9).path("id").asText()).isEqualTo(id("f-109"));
    assertThat(preview.path("sample").get(0).path("tags").toString()).contains(run, "many");
    assertThat(preview.path("sample").toString()).doesNotContain("+98912123", "@example.com");
  }

  @Test
  void theSegmentIsSavedListedChangedAndDeleted() {
    String name = create(Map.of("locale", List.of("fa")));

    assertThat(api().getForObject("/api/segments/" + name, JsonNode.class).path("filter").toString())
        .isEqualTo("{\"locale\":[\"fa\"],\"tags\":[\"" + run + "\"]}");
    assertThat(api().getForObject("/api/segments", JsonNode.class).findValuesAsText("name")).contains(name);
    ResponseEntity<JsonNode> changed = api().exchange("/api/segments/" + name, HttpMethod.PUT,
        new HttpEntity<>(Map.of("filter", Map.of("locale", List.of("ru"), "tags", List.of(run)))), JsonNode.class);
    assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(api().getForObject("/api/segments/" + name + "/preview", JsonNode.class).path("size").asLong())
        .isEqualTo(1);
    assertThat(api().exchange("/api/segments/" + name, HttpMethod.DELETE, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    for (String path : List.of("/api/segments/" + name, "/api/segments/" + name + "/preview")) {
      assertThat(api().getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
    }
    assertThat(api().exchange("/api/segments/" + name, HttpMethod.DELETE, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aSecondSegmentOfTheSameNameIs409AndAChangeOfAnUnknownOneIs404() {
    String name = create(Map.of());

    ResponseEntity<JsonNode> again = post(api(), Map.of("name", name, "filter", Map.of()));
    ResponseEntity<JsonNode> unknown = api().exchange("/api/segments/no-such-" + run, HttpMethod.PUT,
        new HttpEntity<>(Map.of("filter", Map.of())), JsonNode.class);

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void everyBadFieldIsNamedAndNothingIsSaved() {
    Map<String, Object> filter = new java.util.LinkedHashMap<>();
    filter.put("locale", List.of("Farsi"));
    filter.put("country", List.of("XX"));
    filter.put("timeZone", List.of("Mars/Olympus"));
    filter.put("reachableOn", List.of("pigeon"));
    filter.put("learnedChannel", List.of());
    filter.put("tags", List.of("no spaces"));
    filter.put("attributes", Map.of("home city", List.of("x"), "plan", List.of("y".repeat(501))));
    filter.put("engagedWithinDays", 0);
    filter.put("purchasedWithinDays", 4000);

    ResponseEntity<JsonNode> answer = post(api(), Map.of("name", "Bad Name", "filter", filter));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name",
        "filter.locale[0]", "filter.country[0]", "filter.timeZone[0]", "filter.reachableOn[0]",
        "filter.learnedChannel", "filter.tags[0]", "filter.attributes.home city", "filter.attributes.plan[0]",
        "filter.engagedWithinDays", "filter.purchasedWithinDays");
    assertThat(api().getForObject("/api/segments", JsonNode.class).findValuesAsText("name")).doesNotContain("Bad Name");
  }

  @Test
  void anUnknownOrMistypedFieldIsRefusedNotIgnored() {
    ResponseEntity<JsonNode> misspelt = post(api(), Map.of("name", "s-" + run, "filter", Map.of("locales", List.of("fa"))));
    ResponseEntity<JsonNode> mistyped = post(api(), Map.of("name", "s-" + run, "filter", Map.of("locale", "fa")));
    ResponseEntity<JsonNode> missing = post(api(), Map.of("name", "s-" + run));

    assertThat(misspelt.getBody().path("errors").findValuesAsText("field")).containsExactly("filter.locales");
    assertThat(misspelt.getBody().path("errors").get(0).path("message").asText()).contains("locale", "reachableOn");
    assertThat(mistyped.getBody().path("errors").findValuesAsText("field")).containsExactly("filter.locale");
    assertThat(missing.getBody().path("errors").findValuesAsText("field")).containsExactly("filter");
    assertThat(api().getForEntity("/api/segments/s-" + run, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void noFilterValueChangesTheSqlItIsOnlyEverAValue() {
    String quoted = "O'Brien'); DROP TABLE customer; --";
    importCsv("id,tags,city\n" + id("g-quote") + "," + run + ",\"" + quoted.replace("\"", "\"\"") + "\"\n");
    long before = jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();

    List<String> alwaysTrue = members(Map.of("attributes", Map.of("city", List.of("x' OR '1'='1"))));
    List<String> dropping = members(Map.of("attributes", Map.of("city", List.of(quoted))));
    List<String> keyInjection = members(Map.of("attributes", Map.of("city", List.of("Tehran') OR ('1'='1"))));

    assertThat(alwaysTrue).isEmpty();
    assertThat(keyInjection).isEmpty();
    assertThat(dropping).containsExactly(id("g-quote"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void analystsReadAndPreviewAppsAndSupervisorsAlsoWriteOperatorsNeither() {
    String name = create(Map.of());
    TestRestTemplate analyst = asMemberOf("analysts");
    TestRestTemplate operator = asMemberOf("operators");

    assertThat(analyst.getForEntity("/api/segments", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(analyst.getForEntity("/api/segments/" + name + "/preview", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(post(analyst, Map.of("name", "analyst-" + run, "filter", Map.of())).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(analyst.exchange("/api/segments/" + name, HttpMethod.DELETE, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    for (String group : List.of("apps", "supervisors")) {
      assertThat(post(asMemberOf(group), Map.of("name", group + "-" + run, "filter", Map.of())).getStatusCode())
          .as(group).isEqualTo(HttpStatus.CREATED);
    }
    assertThat(operator.getForEntity("/api/segments/" + name, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api().getForEntity("/api/segments/" + name, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void campaignsWalkASegmentsIdsInPagesResumingFromTheLastId() {
    String name = create(Map.of("locale", List.of("fa", "ru", "en")));

    List<String> walked = new ArrayList<>();
    List<String> page = segments.customerIds(name, null, 2);
    while (!page.isEmpty()) {
      walked.addAll(page);
      page = segments.customerIds(name, page.get(page.size() - 1), 2);
    }

    assertThat(walked).containsExactly(sara, ivan, optedOut, newNumber, blocked);
    assertThat(segments.customerIds(name, ivan, 10)).containsExactly(optedOut, newNumber, blocked);
  }

  /** The ids a new segment of this filter (and this run's tag) holds, by id. */
  private List<String> members(Map<String, Object> filter) {
    String name = create(filter);
    List<String> ids = new ArrayList<>();
    String after = null;
    for (List<String> page; !(page = segments.customerIds(name, after, 100)).isEmpty(); after = page.get(page.size() - 1)) {
      ids.addAll(page);
    }
    JsonNode preview = api().getForObject("/api/segments/" + name + "/preview", JsonNode.class);
    assertThat(preview.path("size").asLong()).as("size of %s", filter).isEqualTo(ids.size());
    return ids;
  }

  /** A new segment of this filter and this run's tag; its name. */
  private String create(Map<String, Object> filter) {
    Map<String, Object> scoped = new java.util.HashMap<>(filter);
    List<Object> tags = new ArrayList<>(List.of(run));
    if (filter.get("tags") instanceof List<?> more) {
      tags.addAll(more);
    }
    scoped.put("tags", tags.stream().distinct().toList());
    String name = "s-" + UUID.randomUUID().toString().substring(0, 13);
    ResponseEntity<JsonNode> answer = post(api(), Map.of("name", name, "filter", scoped));
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(answer.getHeaders().getLocation()).hasToString("/api/segments/" + name);
    return name;
  }

  private ResponseEntity<JsonNode> post(TestRestTemplate as, Map<String, Object> body) {
    return as.postForEntity("/api/segments", body, JsonNode.class);
  }

  private void importCsv(String csv) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("text/csv"));
    ResponseEntity<JsonNode> answer = api().postForEntity("/api/customers/import",
        new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), JsonNode.class);
    assertThat(answer.getBody().path("refusedRows").asLong()).as("%s", answer.getBody()).isZero();
  }

  /** Ids sort as the letters say: a-sara before b-ivan, and so on. */
  private String id(String name) {
    return run + "-" + name;
  }
}
