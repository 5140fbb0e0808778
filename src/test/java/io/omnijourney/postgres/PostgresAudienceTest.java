package io.omnijourney.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.segment.Segments;
import io.omnijourney.support.RequiresPostgres;
import io.omnijourney.support.RequiresPostgres.Server;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The customer import and segments on a real PostgreSQL, where their SQL differs from H2's: the
 * batch upsert's update counts decide between update and insert, and a segment's "reachable"
 * hashes the customer's address in PostgreSQL's own functions, which must give the hash Java
 * stores for a block. Its own database, created fresh for each run.
 */
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"test", "postgres"})
class PostgresAudienceTest {

  private static final String DATABASE = "omnijourney_audience";

  @Autowired TestRestTemplate http;
  @Autowired JdbcClient jdbc;
  @Autowired ChannelBlocks blocks;
  @Autowired Segments segments;

  @DynamicPropertySource
  static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
    Server.freshDatabase(DATABASE, registry);
  }

  @Test
  void anImportOfManyBatchesTwiceUpdatesEveryProfileAndDuplicatesNone() {
    StringBuilder first = new StringBuilder("id,name,phone,tags,city\n");
    StringBuilder second = new StringBuilder("id,name,tags,plan\n");
    for (int i = 0; i < 1_200; i++) {
      first.append("pg-").append(10_000 + i).append(",First,+7916").append(1_000_000 + i).append(",old,Moscow\n");
      second.append("pg-").append(10_000 + i).append(",Second,new,gold\n");
    }

    JsonNode created = importCsv(first.toString());
    JsonNode updated = importCsv(second.toString());

    assertThat(created.path("accepted").asLong()).isEqualTo(1_200);
    assertThat(updated.path("accepted").asLong()).isEqualTo(1_200);
    assertThat(count("SELECT COUNT(*) FROM customer WHERE id LIKE 'pg-%'")).isEqualTo(1_200);
    assertThat(count("SELECT COUNT(*) FROM customer WHERE id LIKE 'pg-%' AND name = 'Second' AND country = 'RU'"))
        .isEqualTo(1_200);
    assertThat(count("SELECT COUNT(*) FROM customer_tag WHERE customer_id LIKE 'pg-%' AND tag = 'new'"))
        .isEqualTo(1_200);
    assertThat(count("SELECT COUNT(*) FROM customer_tag WHERE customer_id LIKE 'pg-%'")).isEqualTo(1_200);
    assertThat(count("SELECT COUNT(*) FROM customer_attribute WHERE customer_id LIKE 'pg-%'")).isEqualTo(2_400);
  }

  @Test
  void aSegmentOfReachableCustomersSkipsTheBlockedAddressButNotAnOldOne() {
    importCsv("""
        id,phone,email,tags
        pgs-a,+989121234567,a@example.com,pgs
        pgs-b,+989121230000,,pgs
        pgs-c,+989121231111,,pgs
        """);
    blocks.block("pgs-b", Channel.SMS, "+989121230000", Block.UNREACHABLE, "sandbox", "invalid-number");
    blocks.block("pgs-c", Channel.SMS, "+989120000000", Block.UNREACHABLE, "sandbox", "invalid-number");
    blocks.optOut("pgs-a", Channel.EMAIL, "api");
    ResponseEntity<JsonNode> created = http.withBasicAuth("demo", "demo").postForEntity("/api/segments",
        Map.of("name", "pg-reachable", "filter", Map.of("tags", List.of("pgs"), "reachableOn", List.of("sms", "email"),
            "country", List.of("IR"))), JsonNode.class);
    assertThat(created.getStatusCode().value()).isEqualTo(201);

    JsonNode preview = http.withBasicAuth("demo", "demo").getForObject("/api/segments/pg-reachable/preview",
        JsonNode.class);

    assertThat(preview.path("size").asLong()).isEqualTo(2);
    assertThat(segments.customerIds("pg-reachable", null, 1)).containsExactly("pgs-a");
    assertThat(segments.customerIds("pg-reachable", "pgs-a", 10)).containsExactly("pgs-c");
  }

  private JsonNode importCsv(String csv) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("text/csv"));
    ResponseEntity<JsonNode> answer = http.withBasicAuth("demo", "demo").postForEntity("/api/customers/import",
        new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), JsonNode.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody().path("refusedRows").asLong()).as("%s", answer.getBody()).isZero();
    return answer.getBody();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
