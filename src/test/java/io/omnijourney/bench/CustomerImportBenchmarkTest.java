package io.omnijourney.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.omnijourney.support.RequiresPostgres;
import io.omnijourney.support.RequiresPostgres.Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * How long {@code POST /api/customers/import} takes for many rows on PostgreSQL, and how much heap
 * it uses: the application on a fresh database {@code import_bench}, one CSV request whose rows are
 * generated as they are sent (neither side holds the file). {@code -Dimport.bench.rows} sets the
 * size: 2,000 in {@code ./mvnw verify} (a smoke run), 1,000,000 for the figure of
 * docs/benchmark.md. One row in 1,000 is bad and refused. The heap is measured in this JVM, which
 * runs the application: the peak of each heap pool during the import, and the most that was left
 * after any garbage collection during it (what the import kept, as opposed to garbage not yet
 * collected). The result is printed and written to {@code target/import-bench.txt}.
 */
@RequiresPostgres
class CustomerImportBenchmarkTest {

  static final String DATABASE = "import_bench";
  static final int BAD_EVERY = 1_000;
  /** What the import may keep beyond what the application held before it: far less than the rows. */
  static final long KEPT_BUDGET = 256L * 1024 * 1024;

  @Test
  void aMillionRowsImportWithBoundedHeap() throws Exception {
    int rows = Integer.getInteger("import.bench.rows", 2_000);
    BenchDatabase db = new BenchDatabase(Server.ADMIN_URL, Server.USER, Server.PASSWORD);
    try (BenchApp app = new BenchApp(db, DATABASE, Map.of("camunda.bpm.job-execution.enabled", "false"))) {
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
      System.gc();
      long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      AfterCollections collections = new AfterCollections(heap);

      long start = System.nanoTime();
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
              .uri(URI.create(app.baseUrl + "/api/customers/import"))
              .header("Content-Type", "text/csv")
              .header("Authorization", "Basic " + Base64.getEncoder()
                  .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
              .timeout(Duration.ofHours(1))
              .POST(HttpRequest.BodyPublishers.ofInputStream(() -> csv(rows)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      collections.close();
      long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode result = new ObjectMapper().readTree(answer.body());
      long accepted = result.path("accepted").asLong();
      long stored = app.jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
      String report = String.format("Customer import on PostgreSQL %s: %,d CSV rows in one request in %.1f s"
              + " (%,.0f rows a second), %,d saved and %,d refused; %,d profiles stored. Heap (limit %,d MiB):"
              + " %,d MiB in use before, peak %,d MiB during the import, at most %s after a garbage collection"
              + " during it (%d collections)%n",
          db.version(), rows, took.toMillis() / 1000.0, rows / (took.toMillis() / 1000.0), accepted,
          result.path("refusedRows").asLong(), stored, Runtime.getRuntime().maxMemory() >> 20, before >> 20,
          peak >> 20, collections.count() == 0 ? "- (none ran)" : String.format("%,d MiB", collections.mostKept() >> 20),
          collections.count());
      System.out.print(report);
      Files.writeString(Path.of("target", "import-bench.txt"), report);

      assertThat(accepted).isEqualTo(rows - rows / BAD_EVERY);
      assertThat(result.path("refusedRows").asLong()).isEqualTo(rows / BAD_EVERY);
      assertThat(stored).isEqualTo(accepted);
      if (collections.count() > 0) {
        assertThat(collections.mostKept() - before).isLessThan(KEPT_BUDGET);
      }
    } finally {
      db.drop(DATABASE);
    }
  }

  /** The CSV, made a hundred rows at a time as the client sends it. */
  private static InputStream csv(int rows) {
    Enumeration<InputStream> parts = new Enumeration<>() {
      private int next = -1;

      @Override
      public boolean hasMoreElements() {
        return next < rows;
      }

      @Override
      public InputStream nextElement() {
        StringBuilder lines = new StringBuilder();
        if (next < 0) {
          lines.append("id,name,phone,email,locale,timeZone,tags,city\n");
          next = 0;
        }
        for (int end = Math.min(rows, next + 100); next < end; next++) {
          lines.append(String.format("bench-%07d,Customer %d,%s,c%d@example.com,fa,Asia/Tehran,bench;batch-%d,Tehran%n",
              next, next, (next + 1) % BAD_EVERY == 0 ? "0912" : String.format("+98912%07d", next), next, next % 10));
        }
        return new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8));
      }
    };
    return new SequenceInputStream(parts);
  }

  /** The most heap in use right after each garbage collection, while it listens. */
  private static final class AfterCollections implements NotificationListener, AutoCloseable {
    private final Set<String> pools;
    private final AtomicLong mostKept = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    AfterCollections(List<MemoryPoolMXBean> heap) {
      this.pools = heap.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
      collectors.forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(this, null, null));
    }

    @Override
    public void handleNotification(javax.management.Notification notification, Object handback) {
      if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long kept = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
          .filter(pool -> pools.contains(pool.getKey())).map(Map.Entry::getValue).mapToLong(MemoryUsage::getUsed).sum();
      mostKept.accumulateAndGet(kept, Math::max);
      count.incrementAndGet();
    }

    long mostKept() {
      return mostKept.get();
    }

    long count() {
      return count.get();
    }

    @Override
    public void close() throws IOException {
      for (GarbageCollectorMXBean gc : collectors) {
        try {
          ((NotificationEmitter) gc).removeNotificationListener(this);
        } catch (javax.management.ListenerNotFoundException e) {
          throw new IOException(e);
        }
      }
    }
  }
}
