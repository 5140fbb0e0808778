package io.omnijourney.kpi;

import io.omnijourney.Database;
import io.omnijourney.kpi.Goals.GoalActivity;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The KPIs' SQL: every figure is counted by the database from the delivery ledger, the journey
 * table, channel blocks and the engine's activity history, for the window asked. The same
 * statements run on H2 and PostgreSQL; V20__kpi_indexes.sql makes a window a range scan.
 */
@Repository
class KpiQueries {

  /** One group of the ledger: a playbook's step on one channel through one provider. */
  record StepCounts(String playbook, String step, String channel, String provider, long sent, long delivered,
      long read, long failed, long fellBack, long billable, long billableSegments) {}

  /**
   * The journeys started in the window, and what became of those the playbook reached; {@code variant}
   * is the A/B variant they took when counted per variant, else null.
   */
  record JourneyCounts(String variant, long started, long completed, long converted, long reached, long engaged,
      long optedOut, long ignored) {}

  /** The deliveries of the journeys of one variant of the A/B splits. */
  record VariantDeliveries(String variant, long sent, long delivered, long read) {}

  private static final String DELIVERED = "('DELIVERED', 'READ')";
  /** Sums over the ledger's rows as {@code x}: sends a provider answered or was asked for, delivered, read. */
  private static final String SENT = "SUM(CASE WHEN x.status <> 'PENDING' THEN 1 ELSE 0 END) AS sent";
  private static final String DELIVERED_COUNT = "SUM(CASE WHEN x.status IN " + DELIVERED + " THEN 1 ELSE 0 END) AS delivered";
  private static final String READ_COUNT = "SUM(CASE WHEN x.status = 'READ' THEN 1 ELSE 0 END) AS read_count";

  private final JdbcClient jdbc;
  private final Goals goals;
  private final Database database;

  KpiQueries(JdbcClient jdbc, Goals goals, Database database) {
    this.jdbc = jdbc;
    this.goals = goals;
    this.database = database;
  }

  /** The window's deliveries by playbook, step, channel and provider; fell_back is kept by the ledger. */
  List<StepCounts> steps(KpiWindow window) {
    String sql = "SELECT x.playbook, x.activity_id, x.channel, x.provider, " + SENT + ", " + DELIVERED_COUNT + ", "
        + READ_COUNT + ","
        + " SUM(CASE WHEN x.status IN ('FAILED', 'UNDELIVERED', 'REJECTED') THEN 1 ELSE 0 END) AS failed,"
        + " SUM(CASE WHEN x.status <> 'PENDING' AND x.fell_back = TRUE THEN 1 ELSE 0 END) AS fell_back,"
        + " SUM(CASE WHEN x.status NOT IN ('PENDING', 'REJECTED') THEN 1 ELSE 0 END) AS billable,"
        + " SUM(CASE WHEN x.status NOT IN ('PENDING', 'REJECTED') THEN COALESCE(x.segments, 1) ELSE 0 END)"
        + "   AS billable_segments"
        + " FROM (SELECT j.playbook, d.activity_id, d.channel, d.provider, d.status, d.segments, d.fell_back"
        + "   FROM delivery d JOIN journey j ON j.id = d.journey_id"
        + "   WHERE d.created_at >= :from AND d.created_at < :to" + filters(window) + ") x"
        + " GROUP BY x.playbook, x.activity_id, x.channel, x.provider"
        + " ORDER BY x.playbook, x.activity_id, x.channel, x.provider";
    return params(jdbc.sql(sql), window)
        .query((rs, row) -> new StepCounts(rs.getString("playbook"), rs.getString("activity_id"),
            rs.getString("channel"), rs.getString("provider"), rs.getLong("sent"), rs.getLong("delivered"),
            rs.getLong("read_count"), rs.getLong("failed"), rs.getLong("fell_back"), rs.getLong("billable"),
            rs.getLong("billable_segments")))
        .list();
  }

  /** The window's deliveries summed per A/B variant of their journeys; journeys without one are left out. */
  List<VariantDeliveries> deliveriesByVariant(KpiWindow window) {
    String sql = "SELECT x.variant, " + SENT + ", " + DELIVERED_COUNT + ", " + READ_COUNT
        + " FROM (SELECT j.variant, d.status FROM delivery d JOIN journey j ON j.id = d.journey_id"
        + "   WHERE d.created_at >= :from AND d.created_at < :to AND j.variant IS NOT NULL" + filters(window) + ") x"
        + " GROUP BY x.variant ORDER BY x.variant";
    return params(jdbc.sql(sql), window)
        .query((rs, row) -> new VariantDeliveries(rs.getString("variant"), rs.getLong("sent"), rs.getLong("delivered"),
            rs.getLong("read_count")))
        .list();
  }

  /** The journeys started in the window, summed. */
  JourneyCounts journeys(KpiWindow window) {
    return journeys(window, false).get(0);
  }

  /** The journeys started in the window, summed per A/B variant; journeys without one are left out. */
  List<JourneyCounts> journeysByVariant(KpiWindow window) {
    return journeys(window, true);
  }

  /**
   * One row per journey started in the window, with what its deliveries came to (all created after
   * it started, so at or after {@code from}) and the customer's last opt-out in the window, summed:
   * all together, or per variant.
   */
  private List<JourneyCounts> journeys(KpiWindow window, boolean byVariant) {
    List<GoalActivity> goals = List.copyOf(this.goals.activities());
    String sql = "SELECT " + (byVariant ? "x.variant," : "NULL AS variant,") + " COUNT(*) AS started,"
        + " SUM(CASE WHEN x.status = 'COMPLETED' THEN 1 ELSE 0 END) AS completed,"
        + " SUM(x.converted) AS converted,"
        + " SUM(x.reached) AS reached,"
        + " SUM(CASE WHEN x.reached = 1 AND x.engaged = 1 THEN 1 ELSE 0 END) AS engaged,"
        + " SUM(CASE WHEN x.reached = 1 AND x.opted_out = 1 THEN 1 ELSE 0 END) AS opted_out,"
        + " SUM(CASE WHEN x.reached = 1 AND x.engaged = 0 AND x.opted_out = 0 AND x.converted = 0 THEN 1 ELSE 0 END)"
        + "   AS ignored"
        + " FROM (SELECT j.status, j.variant,"
        + "   CASE WHEN d.reached = 1 THEN 1 ELSE 0 END AS reached,"
        + "   CASE WHEN d.was_read = 1 OR (j.replied_at < :to"
        + "     AND (j.reply_opt_out IS NULL OR j.reply_opt_out = FALSE)) THEN 1 ELSE 0 END AS engaged,"
        + "   CASE WHEN (j.reply_opt_out = TRUE AND j.replied_at < :to) OR b.last_opt_out >= j.created_at"
        + "     THEN 1 ELSE 0 END AS opted_out,"
        + "   " + converted(goals) + " AS converted"
        + "   FROM journey j"
        + "   LEFT JOIN (SELECT journey_id, MAX(CASE WHEN status IN " + DELIVERED + " THEN 1 ELSE 0 END) AS reached,"
        + "     MAX(CASE WHEN status = 'READ' THEN 1 ELSE 0 END) AS was_read FROM delivery"
        + "     WHERE created_at >= :from GROUP BY journey_id) d ON d.journey_id = j.id"
        + "   LEFT JOIN (SELECT customer_id, MAX(created_at) AS last_opt_out FROM channel_block"
        + "     WHERE kind = 'OPTED_OUT' AND created_at >= :from AND created_at < :to GROUP BY customer_id) b"
        + "     ON b.customer_id = j.customer_id"
        + "   WHERE j.created_at >= :from AND j.created_at < :to" + filters(window) + ") x"
        + (byVariant ? " WHERE x.variant IS NOT NULL GROUP BY x.variant ORDER BY x.variant" : "");
    JdbcClient.StatementSpec statement = params(jdbc.sql(sql), window);
    if (!goals.isEmpty()) {
      // The engine writes its times without a zone: a day's slack keeps every goal after the window's start.
      statement = statement.param("historyFrom", window.from().minus(Duration.ofDays(1))
          .atOffset(ZoneOffset.UTC).toLocalDateTime());
    }
    for (int i = 0; i < goals.size(); i++) {
      statement = statement.param("goalKey" + i, goals.get(i).processKey())
          .param("goalActivity" + i, goals.get(i).activityId());
    }
    return statement.query((rs, row) -> new JourneyCounts(rs.getString("variant"), rs.getLong("started"),
        rs.getLong("completed"), rs.getLong("converted"), rs.getLong("reached"), rs.getLong("engaged"),
        rs.getLong("opted_out"), rs.getLong("ignored"))).list();
  }

  /** Messages customers sent us in the window (the inbox), of every channel. */
  long customerMessages(KpiWindow window) {
    return jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE received_at >= :from AND received_at < :to")
        .param("from", utc(window.from()))
        .param("to", utc(window.to()))
        .query(Long.class)
        .single();
  }

  /** One support conversation opened in the window, as its figures need it. */
  record ConversationTimes(OffsetDateTime createdAt, OffsetDateTime firstResponseAt, OffsetDateTime resolvedAt,
      boolean breached, boolean repeatContact, Integer csat) {}

  /** The support conversations opened in the window. */
  List<ConversationTimes> conversations(KpiWindow window) {
    return jdbc.sql("SELECT created_at, first_response_at, resolved_at, breached, repeat_contact, csat FROM conversation"
            + " WHERE created_at >= :from AND created_at < :to")
        .param("from", utc(window.from()))
        .param("to", utc(window.to()))
        .query((rs, row) -> new ConversationTimes(rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("first_response_at", OffsetDateTime.class), rs.getObject("resolved_at", OffsetDateTime.class),
            rs.getBoolean("breached"), rs.getBoolean("repeat_contact"), (Integer) rs.getObject("csat", Integer.class)))
        .list();
  }

  /** Journeys running now, of every playbook: a cheap count for the metrics. */
  long journeysWaiting() {
    return jdbc.sql("SELECT COUNT(*) FROM journey WHERE status = 'ACTIVE'").query(Long.class).single();
  }

  /** The playbooks that have journeys, for the page's choice. */
  List<String> playbooks() {
    return jdbc.sql("SELECT DISTINCT playbook FROM journey ORDER BY playbook").query(String.class).list();
  }

  /** A campaign, for the page's choice: its id and name. */
  record CampaignName(String id, String name) {}

  /** The campaigns, newest first. */
  List<CampaignName> campaigns() {
    return jdbc.sql("SELECT id, name FROM campaign ORDER BY created_at DESC")
        .query((rs, row) -> new CampaignName(rs.getString("id"), rs.getString("name"))).list();
  }

  /**
   * A journey converted when the engine's history has one of the goal activities in its tree of
   * process instances (the root instance is the journey). One set, hashed once, not a lookup per journey.
   */
  private static String converted(List<GoalActivity> goals) {
    if (goals.isEmpty()) {
      return "0";
    }
    String any = IntStream.range(0, goals.size())
        .mapToObj(i -> "(a.PROC_DEF_KEY_ = :goalKey" + i + " AND a.ACT_ID_ = :goalActivity" + i + ")")
        .collect(Collectors.joining(" OR "));
    return "CASE WHEN j.id IN (SELECT a.ROOT_PROC_INST_ID_ FROM ACT_HI_ACTINST a"
        + " WHERE a.START_TIME_ >= :historyFrom AND (" + any + ")) THEN 1 ELSE 0 END";
  }

  /**
   * Runs the KPI queries on PostgreSQL without its JIT compiler: compiling them takes longer than
   * running them (about a second for each). Only inside the caller's transaction.
   */
  void withoutJit() {
    if (database.isPostgres()) {
      jdbc.sql("SET LOCAL jit = off").update();
    }
  }

  /** The window's playbook and campaign, over the journey table as {@code j}. */
  private static String filters(KpiWindow window) {
    return (window.playbook() == null ? "" : " AND j.playbook = :playbook")
        + (window.campaign() == null ? "" : " AND j.campaign_id = :campaign");
  }

  private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec statement, KpiWindow window) {
    statement = statement.param("from", utc(window.from())).param("to", utc(window.to()));
    if (window.playbook() != null) {
      statement = statement.param("playbook", window.playbook());
    }
    return window.campaign() == null ? statement : statement.param("campaign", window.campaign());
  }

  private static OffsetDateTime utc(java.time.Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
