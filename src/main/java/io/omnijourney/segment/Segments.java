package io.omnijourney.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.Database;
import io.omnijourney.customer.Customers;
import io.omnijourney.web.Conflict;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.omnijourney.web.NotFound;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Segments: saved, named filters over the customer profiles, evaluated in the database each time
 * they are read, so a segment always holds the customers who match it now.
 *
 * <p>For campaigns: {@link #customerIds} walks a segment's customers in id order, a page at a time,
 * from the last id of the previous page, without ever holding the whole segment.
 */
@Service
public class Segments {

  /** A segment's name is its id ({@code fa-telegram}). */
  static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final int MAX_NAME = 64;
  /** The longest filter stored, as JSON. */
  static final int MAX_FILTER = 20_000;
  static final int SAMPLE = 10;

  @Schema(name = "Segment", requiredProperties = {"name", "filter", "createdAt", "updatedAt"})
  public record Segment(String name, SegmentFilter filter, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

  /**
   * A customer of a preview's sample: enough to see that the segment is the one meant, and no
   * contact data.
   */
  @Schema(name = "SegmentMember", requiredProperties = {"id", "tags"})
  public record Member(String id, String locale, String timeZone, String country, String learnedChannel,
      List<String> tags) {}

  /** How many customers the segment holds now, and the first few by id. */
  @Schema(name = "SegmentPreview", requiredProperties = {"size", "sample"})
  public record Preview(long size, List<Member> sample) {}

  private final JdbcClient jdbc;
  private final Database database;
  private final Customers customers;
  private final ObjectMapper json;

  Segments(JdbcClient jdbc, Database database, Customers customers, ObjectMapper json) {
    this.jdbc = jdbc;
    this.database = database;
    this.customers = customers;
    this.json = json;
  }

  /** @throws Conflict when a segment of that name exists */
  public Segment create(String name, SegmentFilter filter) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try {
      jdbc.sql("INSERT INTO segment (name, filter_json, created_at, updated_at) VALUES (?, ?, ?, ?)")
          .params(name, stored(filter), now, now).update();
    } catch (DuplicateKeyException e) {
      throw new Conflict("A segment named " + name + " exists; PUT /api/segments/" + name + " changes it");
    }
    return find(name).orElseThrow();
  }

  /** @throws NotFound when there is no such segment */
  public Segment update(String name, SegmentFilter filter) {
    int updated = jdbc.sql("UPDATE segment SET filter_json = ?, updated_at = ? WHERE name = ?")
        .params(stored(filter), OffsetDateTime.now(ZoneOffset.UTC), name).update();
    if (updated == 0) {
      throw notFound(name);
    }
    return find(name).orElseThrow();
  }

  /** @return false when there was no such segment */
  public boolean delete(String name) {
    return jdbc.sql("DELETE FROM segment WHERE name = ?").param(name).update() == 1;
  }

  public Optional<Segment> find(String name) {
    return jdbc.sql("SELECT name, filter_json, created_at, updated_at FROM segment WHERE name = ?").param(name)
        .query(this::segment).optional();
  }

  /** Every segment, by name. */
  public List<Segment> list() {
    return jdbc.sql("SELECT name, filter_json, created_at, updated_at FROM segment ORDER BY name")
        .query(this::segment).list();
  }

  /** @throws NotFound when there is no such segment */
  public Preview preview(String name) {
    SegmentQuery query = query(name);
    long size = jdbc.sql("SELECT COUNT(*) FROM customer c WHERE " + query.where()).params(query.params())
        .query(Long.class).single();
    List<Member> sample = jdbc.sql("SELECT c.id, c.locale, c.time_zone, c.country, c.engaged_channel FROM customer c"
            + " WHERE " + query.where() + " ORDER BY c.id LIMIT ?")
        .params(query.params()).param(SAMPLE)
        .query((rs, row) -> new Member(rs.getString("id"), rs.getString("locale"), rs.getString("time_zone"),
            rs.getString("country"), rs.getString("engaged_channel"), customers.tags(rs.getString("id"))))
        .list();
    return new Preview(size, sample);
  }

  /**
   * One page of the segment's customer ids, in id order: those after {@code afterId} ({@code null}
   * for the first page), at most {@code limit}. A page shorter than {@code limit} is the last. The
   * filter is evaluated for each page, so a walk that resumes from its last id (after a pause or a
   * restart) goes on where it stopped.
   *
   * @throws NotFound when there is no such segment
   */
  public List<String> customerIds(String segment, String afterId, int limit) {
    SegmentQuery query = query(segment);
    JdbcClient.StatementSpec page = jdbc.sql("SELECT c.id FROM customer c WHERE " + query.where()
            + (afterId == null ? "" : " AND c.id > ?") + " ORDER BY c.id LIMIT ?")
        .params(query.params());
    if (afterId != null) {
      page = page.param(afterId);
    }
    return page.param(limit).query(String.class).list();
  }

  private SegmentQuery query(String name) {
    Segment segment = find(name).orElseThrow(() -> notFound(name));
    return SegmentQuery.of(segment.filter(), OffsetDateTime.now(ZoneOffset.UTC), database.isPostgres());
  }

  private String stored(SegmentFilter filter) {
    try {
      String text = json.writeValueAsString(filter);
      if (text.length() > MAX_FILTER) {
        throw new InvalidRequest(List.of(new FieldError("filter", "is longer than " + MAX_FILTER + " characters")));
      }
      return text;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A segment filter could not be written as JSON", e);
    }
  }

  private Segment segment(ResultSet rs, int row) throws SQLException {
    try {
      return new Segment(rs.getString("name"), json.readValue(rs.getString("filter_json"), SegmentFilter.class),
          rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The filter of segment " + rs.getString("name") + " is not readable", e);
    }
  }

  private static NotFound notFound(String name) {
    return new NotFound("No segment " + name + "; GET /api/segments lists them");
  }
}
