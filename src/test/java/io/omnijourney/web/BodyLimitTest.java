package io.omnijourney.web;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.channel.sandbox.SandboxCallbacks;
import io.omnijourney.delivery.ProviderEvents;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.support.JourneyTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Issue 12, item 4: a body over omnijourney.security.max-body-size (1 MiB) is refused with 413
 * without being read. Three 256 MB webhook posts without credentials used to end in an
 * OutOfMemoryError, as each webhook read the whole body before checking its signature.
 *
 * <p>These requests go over a plain socket: the client writes its body on a thread of its own and
 * reads the answer meanwhile, as a streaming client does; an HTTP client that finishes its upload
 * before reading would only see the connection closed under it.
 */
class BodyLimitTest extends JourneyTest {

  private static final int MIB = 1024 * 1024;
  /**
   * What a client can write before a server that stopped reading closes the connection: the 1 MiB
   * read, the 2 MB Tomcat drains before closing, and the two sides' socket buffers. A server that
   * read the body through would take it all.
   */
  private static final long AT_MOST_WRITTEN = 32L * MIB;

  @Autowired ProviderEvents webhooks;
  @Autowired CustomerMessages inbound;
  @LocalServerPort int port;

  @Test
  void signedWebhooksOf8MiBWithTheirLength_413UnreadAndNothingStored() throws Exception {
    long sandboxEvents = webhooks.count("sandbox");
    long whatsappMessages = inbound.count("whatsapp");
    // Both signed and well-formed: read, the report would be stored and the message kept.
    String report = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"providerMessageId\":\"sbx-big\",\"status\":"
        + "\"delivered\",\"at\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\",\"pad\":\"" + "a".repeat(8 * MIB) + "\"}";
    String message = whatsappMessage("+989121234567", "wamid.big-" + UUID.randomUUID(), "a".repeat(8 * MIB));

    Answer sandbox = send(post("/webhooks/sandbox", "application/json",
        "X-Sandbox-Signature: " + SandboxCallbacks.sign(sandboxSecret, report)), fixed(report));
    Answer whatsapp = send(post("/webhooks/whatsapp", "application/json",
        "X-Hub-Signature-256: " + whatsappSignature(message)), fixed(message));

    for (Answer answer : List.of(sandbox, whatsapp)) {
      assertTooLarge(answer);
    }
    assertThat(webhooks.count("sandbox")).isEqualTo(sandboxEvents);
    assertThat(inbound.count("whatsapp")).isEqualTo(whatsappMessages);
  }

  @Test
  void anApiPostOver1MiBWithoutLogin_413BeforeTheLogin() throws Exception {
    Answer answer = send(post("/api/journeys", "application/json"), fixed("{\"playbook\":\"" + "a".repeat(2 * MIB)));

    assertTooLarge(answer);
  }

  @Test
  void aChunkedWebhookBodyThatNeverEnds_413QuicklyAndTheServerStaysHealthy() throws Exception {
    long sandboxEvents = webhooks.count("sandbox");
    long started = System.nanoTime();

    Answer answer = send(post("/webhooks/sandbox", "application/json", "X-Sandbox-Signature: sha256=00",
        "Transfer-Encoding: chunked"), endless("{\"pad\":\""));

    assertTooLarge(answer);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(answer.written()).isGreaterThan(MIB).isLessThan(AT_MOST_WRITTEN);
    assertThat(webhooks.count("sandbox")).isEqualTo(sandboxEvents);
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
    assertThat(report("sbx-unknown", "delivered").getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void threeEndlessBodiesAtOnce_eachRefusedAfterTheLimitWhileTheClientsStillWrite() throws Exception {
    String demo = "Authorization: Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(UTF_8));
    var sandbox1 = CompletableFuture.supplyAsync(() -> sendUnchecked(post("/webhooks/sandbox", "application/json",
        "X-Sandbox-Signature: sha256=00", "Transfer-Encoding: chunked"), endless("{\"pad\":\"")));
    var sandbox2 = CompletableFuture.supplyAsync(() -> sendUnchecked(post("/webhooks/sandbox", "application/json",
        "X-Sandbox-Signature: sha256=00", "Transfer-Encoding: chunked"), endless("{\"pad\":\"")));
    var journeys = CompletableFuture.supplyAsync(() -> sendUnchecked(post("/api/journeys", "application/json",
        demo, "Transfer-Encoding: chunked"), endless("{\"playbook\":\"")));

    for (Answer answer : List.of(sandbox1.get(), sandbox2.get(), journeys.get())) {
      assertTooLarge(answer);
      assertThat(answer.written()).isGreaterThan(MIB).isLessThan(AT_MOST_WRITTEN);
    }
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void anEndlessApiPostWithoutLogin_401AndNotRead() throws Exception {
    Answer answer = send(post("/api/journeys", "application/json", "Transfer-Encoding: chunked"),
        endless("{\"playbook\":\""));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.written()).isLessThan(AT_MOST_WRITTEN);
  }

  @Test
  void bodiesWithinTheLimitStillWork_chunkedOrNot() throws Exception {
    String report = reportBody(UUID.randomUUID().toString(), "sbx-unknown", "delivered",
        OffsetDateTime.now(ZoneOffset.UTC));

    Answer chunked = send(post("/webhooks/sandbox", "application/json",
        "X-Sandbox-Signature: " + SandboxCallbacks.sign(sandboxSecret, report), "Transfer-Encoding: chunked"),
        chunked(report));

    assertThat(chunked.status()).isEqualTo(200);
    assertThat(report("sbx-unknown", "delivered").getStatusCode().value()).isEqualTo(200);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String start = """
        {"playbook": "order-confirmation", "businessKey": "order-%s",
         "customer": {"id": "cust-%s", "phone": "+989121234567"}, "variables": {"orderNumber": "1001"}}
        """.formatted(UUID.randomUUID(), UUID.randomUUID());
    assertThat(api().exchange("/api/journeys", HttpMethod.POST, new HttpEntity<>(start, headers), String.class)
        .getStatusCode().value()).isEqualTo(201);
  }

  private static void assertTooLarge(Answer answer) {
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
    assertThat(answer.body()).contains("\"status\":413").contains("Payload too large");
  }

  // A raw HTTP/1.1 client, as small as these tests need.

  private record Answer(int status, Map<String, String> headers, String body, long written) {}

  /** A request body, written as the server takes it; {@code written} counts its bytes. */
  private interface Body {
    void writeTo(OutputStream out, AtomicLong written) throws IOException;
  }

  /** The request line and headers, but for the body's framing and the blank line. */
  private String post(String path, String contentType, String... headers) {
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
        + "\r\nContent-Type: " + contentType + "\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    return head.toString();
  }

  private static Body fixed(String content) {
    byte[] bytes = content.getBytes(UTF_8);
    return (out, written) -> {
      out.write(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(US_ASCII));
      for (int at = 0; at < bytes.length; at += 64 * 1024) {
        int length = Math.min(64 * 1024, bytes.length - at);
        out.write(bytes, at, length);
        written.addAndGet(length);
      }
    };
  }

  private static Body chunked(String content) {
    byte[] bytes = content.getBytes(UTF_8);
    return (out, written) -> {
      out.write("\r\n".getBytes(US_ASCII));
      for (int at = 0; at < bytes.length; at += 100) {
        int length = Math.min(100, bytes.length - at);
        out.write((Integer.toHexString(length) + "\r\n").getBytes(US_ASCII));
        out.write(bytes, at, length);
        out.write("\r\n".getBytes(US_ASCII));
        written.addAndGet(length);
      }
      out.write("0\r\n\r\n".getBytes(US_ASCII));
    };
  }

  /** A chunked body that starts with {@code start} and goes on until the server closes the connection. */
  private static Body endless(String start) {
    byte[] chunk = new byte[8192];
    Arrays.fill(chunk, (byte) 'a');
    return (out, written) -> {
      out.write(("\r\n" + Integer.toHexString(start.length()) + "\r\n" + start + "\r\n").getBytes(US_ASCII));
      while (true) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(US_ASCII));
        written.addAndGet(chunk.length);
      }
    };
  }

  private Answer sendUnchecked(String head, Body body) {
    try {
      return send(head, body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the body on a thread of its own and reads the answer meanwhile; then waits until the
   * body is written or the server closed the connection under it.
   */
  private Answer send(String head, Body body) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(US_ASCII));
      AtomicLong written = new AtomicLong();
      Thread writer = new Thread(() -> {
        try {
          body.writeTo(out, written);
          out.flush();
        } catch (IOException closedByTheServer) {
          // What a server that refused the body does, after draining a little of it.
        }
      });
      writer.start();
      InputStream in = socket.getInputStream();
      int status = Integer.parseInt(line(in).split(" ")[1]);
      Map<String, String> headers = new HashMap<>();
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
      }
      String answer = new String(body(in, headers), UTF_8);
      writer.join(20_000);
      assertThat(writer.isAlive()).as("the client still writes: the server neither took the body nor closed").isFalse();
      return new Answer(status, headers, answer, written.get());
    }
  }

  private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
    if (headers.containsKey("content-length")) {
      return in.readNBytes(Integer.parseInt(headers.get("content-length")));
    }
    if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      return new byte[0];
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
      body.write(in.readNBytes(size));
      line(in);
    }
    return body.toByteArray();
  }

  private static int chunkSize(InputStream in) throws IOException {
    return Integer.parseInt(line(in).split(";")[0].trim(), 16);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        throw new IOException("connection closed mid-line");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(US_ASCII);
  }
}
