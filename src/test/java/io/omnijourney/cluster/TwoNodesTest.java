package io.omnijourney.cluster;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.END_COMPLETED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_THANK_YOU;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WHATSAPP_NOT_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnijourney.support.AppProcess;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import io.omnijourney.support.RequiresPostgres;
import io.omnijourney.support.RequiresPostgres.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Fault 11 of docs/reliability.md: two nodes share one PostgreSQL database, each the application in
 * a JVM of its own with its job executor running (Camunda's homogeneous cluster), behind a load
 * balancer. They run order confirmations; in the middle one node is killed as {@code kill -9}
 * would, while it holds jobs. The survivor must take the dead node's jobs over when their locks
 * expire and settle what it left half done, so that every journey finishes, the provider gets
 * exactly the planned messages and none twice, every timer fires once, and no report is lost.
 *
 * <p>Each customer's journey: the SMS confirmation, then for half of them (their phone is off) the
 * "not delivered" timer and the WhatsApp confirmation, the invoice email after its timer, and the
 * thank-you on WhatsApp after its timer. {@link ProviderReports} plays the provider's reports. The
 * timers are seconds long through the journeys' variables, and the nodes lock jobs for 20 s instead
 * of 2 minutes, so the dead node's jobs come back soon (every job here takes milliseconds).
 *
 * <p>How many journeys: {@code -Dcluster.journeys}, 500 in {@code ./mvnw verify} (about three
 * minutes on 2 cores). The fault as written is 10,000 ({@code -Dcluster.journeys=10000}); on 2 cores
 * that runs about half an hour, the two nodes, PostgreSQL and this test sharing them.
 */
@RequiresPostgres
class TwoNodesTest {

  private static final String DATABASE = "omnijourney_cluster";
  private static final int JOURNEYS = Integer.getInteger("cluster.journeys", 500);
  private static final String SANDBOX_SECRET = "cluster-sandbox-secret";
  /** Customers' phones: these numbers take SMS, those are switched off. */
  private static final String PHONE_ON = "+79161";
  private static final String PHONE_OFF = "+79162";
  /** Customers with an odd number have their phone off. */
  private static final long PHONES_OFF = JOURNEYS / 2;

  /**
   * Each node's environment. The job executor's settings are the shipped ones but for the lock
   * time, which docs/cluster.md says how to choose: every job here takes milliseconds.
   */
  private static final Map<String, String> NODE = Map.of(
      "OMNIJOURNEY_JOB_LOCK_TIME", "20000",
      "OMNIJOURNEY_SWEEP_INTERVAL", "PT2S",
      "OMNIJOURNEY_SANDBOX_SECRET", SANDBOX_SECRET,
      // The thank-you is marketing: no quiet hours here, whatever the time of day of the run.
      "OMNIJOURNEY_QUIET_HOURS_START", "00:00",
      "OMNIJOURNEY_QUIET_HOURS_END", "00:00");

  private final JdbcClient db = JdbcClient.create(
      new DriverManagerDataSource(Server.url(DATABASE), Server.USER, Server.PASSWORD));

  @Test
  void fault11_twoNodesOnOneDatabase_oneKilledInTheMiddle_everyJourneyFinishesNothingSentTwiceEveryTimerFiredOnce()
      throws Exception {
    long began = System.nanoTime();
    Server.recreate(DATABASE);
    try (AppProcess survivor = AppProcess.start("cluster-node-a", DATABASE, NODE);
        AppProcess victim = AppProcess.start("cluster-node-b", DATABASE, NODE)) {
      double startupSeconds = seconds(began);
      for (AppProcess node : List.of(survivor, victim)) {
        // The sandbox takes every message and reports nothing itself: ProviderReports plays the reports.
        new LoadBalancer(List.of(node.baseUrl())).put("/sandbox/rules",
            "[{\"channel\": \"*\", \"recipient\": \"*\", \"outcome\": \"silent\", \"delayMs\": 0}]");
      }
      LoadBalancer nodes = new LoadBalancer(List.of(survivor.baseUrl(), victim.baseUrl()));
      long running = System.nanoTime();
      List<String> heldByTheVictim;
      try (ProviderReports provider = new ProviderReports(db, nodes, SANDBOX_SECRET,
          (channel, recipient) -> !(channel.equals("sms") && recipient.startsWith(PHONE_OFF)))) {
        AtomicInteger started = new AtomicInteger();
        ExecutorService shop = Executors.newFixedThreadPool(8);
        List<Future<?>> starts = new ArrayList<>();
        for (int i = 0; i < JOURNEYS; i++) {
          int customer = i;
          starts.add(shop.submit(() -> {
            nodes.start(startRequest(customer), "cluster-" + customer);
            return started.incrementAndGet();
          }));
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
            .until(() -> started.get() >= JOURNEYS / 2);
        heldByTheVictim = killWhileItHoldsJobs(victim);
        for (Future<?> start : starts) {
          start.get();
        }
        shop.shutdown();
        awaitEveryJourneyEnded(running);
        provider.finish();
        assertThat(provider.failures()).isEmpty();
        assertThat(db.sql("SELECT COUNT(*) FROM webhook_event").query(Long.class).single())
            .as("every report the provider got 2xx for is stored once").isEqualTo(provider.reported());
      }
      double runSeconds = seconds(running);

      everyJourneyFinishedOnItsNormalEndAndLeftNothingBehind();
      assertThat(heldByTheVictim).as("the killed node held jobs, which the survivor ran").isNotEmpty();
      theProviderGotThePlannedSendsNoneTwice();
      everyTimerFiredOnceWhereItHadTo();
      noReportWasLost();
      System.out.printf("%d journeys: nodes up in %.0f s, run %.0f s, %.1f journeys/s; the survivor took over %d jobs;"
              + " %d sends tried again after an attempt without an answer%n", JOURNEYS, startupSeconds, runSeconds,
          JOURNEYS / runSeconds, heldByTheVictim.size(),
          db.sql("SELECT COUNT(*) FROM delivery WHERE attempts > 1").query(Long.class).single());
    }
  }

  /**
   * Kills the node as soon as it holds a few jobs; returns them. Its job executor locks jobs under
   * its pid (JobLockOwnerPlugin), and a dead node's locks stay until they expire.
   */
  private List<String> killWhileItHoldsJobs(AppProcess victim) throws InterruptedException {
    String victimsLocks = "lock_owner_ LIKE '" + victim.pid() + "@%' AND lock_exp_time_ > now()";
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() ->
        db.sql("SELECT COUNT(*) FROM act_ru_job WHERE " + victimsLocks).query(Long.class).single() >= 3);
    victim.kill();
    List<String> held = db.sql("SELECT id_ FROM act_ru_job WHERE " + victimsLocks).query(String.class).list();
    System.out.printf("Killed node b holding %d jobs, %d deliveries in flight%n", held.size(),
        db.sql("SELECT COUNT(*) FROM delivery WHERE in_flight").query(Long.class).single());
    return held;
  }

  private void awaitEveryJourneyEnded(long running) {
    await().atMost(Duration.ofMinutes(5).plusMillis(JOURNEYS * 300L)).pollInterval(Duration.ofSeconds(5)).until(() -> {
      Map<String, Long> statuses = countBy("SELECT status, COUNT(*) FROM journey GROUP BY status");
      System.out.printf("%.0f s: journeys %s, sends %d%n", seconds(running), statuses,
          db.sql("SELECT COUNT(*) FROM sandbox_outbox").query(Long.class).single());
      return statuses.equals(Map.of("COMPLETED", (long) JOURNEYS));
    });
  }

  private void everyJourneyFinishedOnItsNormalEndAndLeftNothingBehind() {
    assertThat(db.sql("SELECT COUNT(*) FROM journey").query(Long.class).single()).isEqualTo(JOURNEYS);
    assertThat(timesPassed(END_COMPLETED)).isEqualTo(once(JOURNEYS));
    for (String table : List.of("act_ru_execution", "act_ru_job", "act_ru_incident")) {
      assertThat(db.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isZero();
    }
  }

  /** SMS and email to everyone, WhatsApp to everyone (the thank-you) and again to the phones off; each the ledger's own. */
  private void theProviderGotThePlannedSendsNoneTwice() {
    assertThat(countBy("SELECT channel, COUNT(*) FROM sandbox_outbox GROUP BY channel"))
        .isEqualTo(Map.of("sms", (long) JOURNEYS, "whatsapp", JOURNEYS + PHONES_OFF, "email", (long) JOURNEYS));
    assertThat(db.sql("SELECT reference FROM sandbox_outbox GROUP BY reference HAVING COUNT(*) > 1")
        .query(String.class).list()).as("deliveries sent twice").isEmpty();
    assertThat(db.sql("SELECT COUNT(*) FROM delivery d JOIN sandbox_outbox o ON o.reference = d.id"
        + " AND o.provider_message_id = d.provider_message_id").query(Long.class).single())
        .isEqualTo(db.sql("SELECT COUNT(*) FROM delivery").query(Long.class).single())
        .isEqualTo(3L * JOURNEYS + PHONES_OFF);
  }

  /** The SMS timer of each phone that is off, the invoice's and the thank-you's of everyone; none where a report came first. */
  private void everyTimerFiredOnceWhereItHadTo() {
    assertThat(timesPassed(SMS_NOT_DELIVERED)).isEqualTo(once(PHONES_OFF));
    assertThat(timesPassed(WAIT_INVOICE)).isEqualTo(once(JOURNEYS));
    assertThat(timesPassed(WAIT_THANK_YOU)).isEqualTo(once(JOURNEYS));
    assertThat(timesPassed(WHATSAPP_NOT_DELIVERED)).isEqualTo(once(0));
    assertThat(timesPassed(DeliverWithFallback.NOT_DELIVERED_IN_TIME)).isEqualTo(once(0));
  }

  /**
   * Every report applied, and every wait it ended correlated once, none late: all but the SMS to
   * phones that are off were delivered, and the waits for them (SMS, WhatsApp, thank-you) ended by
   * their report; the invoice email has no wait.
   */
  private void noReportWasLost() {
    assertThat(countBy("SELECT state, COUNT(*) FROM webhook_event GROUP BY state"))
        .isEqualTo(Map.of("APPLIED", 3L * JOURNEYS));
    assertThat(countBy("SELECT status, COUNT(*) FROM delivery GROUP BY status"))
        .isEqualTo(Map.of("DELIVERED", 3L * JOURNEYS, "ACCEPTED", PHONES_OFF));
    assertThat(countBy("SELECT COALESCE(correlation, 'none'), COUNT(*) FROM delivery GROUP BY correlation"))
        .isEqualTo(Map.of("CORRELATED", 2L * JOURNEYS, "none", JOURNEYS + PHONES_OFF));
  }

  /**
   * Customer {@code i}'s order: customers with an odd number have their phone off, so their SMS is
   * never reported and its 3-second timer sends the WhatsApp confirmation.
   */
  private static String startRequest(int i) {
    boolean phoneOff = i % 2 == 1;
    return """
        {"playbook": "order-confirmation", "businessKey": "order-%d",
         "customer": {"id": "cluster-%d", "phone": "%s", "email": "customer%d@example.com", "locale": "en",
                      "preferredChannels": ["whatsapp"]},
         "variables": {"orderNumber": "%d", "smsTimeout": "%s", "whatsappTimeout": "PT1H", "invoiceDelay": "PT1S",
                       "thankYouDelay": "PT1S", "thankYouTimeout": "PT1H"}}"""
        .formatted(i, i, (phoneOff ? PHONE_OFF : PHONE_ON) + "%06d".formatted(i), i, i, phoneOff ? "PT3S" : "PT1H");
  }

  /** How often journeys passed an element, and how many distinct journeys did. */
  private List<Long> timesPassed(String activityId) {
    return db.sql("SELECT COUNT(*), COUNT(DISTINCT proc_inst_id_) FROM act_hi_actinst WHERE act_id_ = ?")
        .param(activityId)
        .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  /** What {@link #timesPassed} says when each of {@code journeys} passed once. */
  private static List<Long> once(long journeys) {
    return List.of(journeys, journeys);
  }

  private Map<String, Long> countBy(String sql) {
    return db.sql(sql).query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
