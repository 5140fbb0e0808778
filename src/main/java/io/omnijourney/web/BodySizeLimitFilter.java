package io.omnijourney.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than the limit with 413, without ever holding more of it than the
 * limit: at once when its {@code Content-Length} says so, otherwise (a chunked body) as soon as a
 * read goes one byte past the limit. Controllers read whole bodies into memory (a webhook's
 * signature is checked over its raw bytes), so an unbounded body would be an unbounded allocation.
 * A route that reads its body as a stream (the customer import) may have a larger limit of its own.
 *
 * <p>Form posts ({@code application/x-www-form-urlencoded}, Twilio's and SMS.ru's webhooks) are
 * parsed by Tomcat itself, which does not read through this wrapper: a declared length is refused
 * here, a chunked one is bounded by Tomcat's {@code server.tomcat.max-http-form-post-size}.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long limit;
  private final Map<String, Long> limitsByPath;
  private final ObjectMapper json;

  /** @param limitsByPath the routes (exact paths) with a limit of their own, and that limit */
  public BodySizeLimitFilter(long limit, Map<String, Long> limitsByPath, ObjectMapper json) {
    this.limit = limit;
    this.limitsByPath = Map.copyOf(limitsByPath);
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limitsByPath.getOrDefault(request.getRequestURI().substring(request.getContextPath().length()),
        this.limit);
    if (request.getContentLengthLong() > limit) {
      refuse(response, limit);
      return;
    }
    LimitedRequest limited = new LimitedRequest(request, limit);
    try {
      chain.doFilter(limited, response);
    } catch (IOException | ServletException | RuntimeException e) {
      // Problems answers the usual way a controller reads (a @RequestBody); this is for the rest.
      if (!limited.exceeded() || response.isCommitted()) {
        throw e;
      }
      response.reset();
      refuse(response, limit);
    }
  }

  private void refuse(HttpServletResponse response, long limit) throws IOException {
    // Tomcat closes the connection after a 413 and drains at most server.tomcat.max-swallow-size
    // (2 MB) of what the client still sends, discarding it, so the rest is never read.
    ProblemResponse.send(response, json, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
        "The request body may be at most " + limit + " bytes");
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private LimitedInputStream in;
    private BufferedReader reader;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (in == null) {
        in = new LimitedInputStream(super.getInputStream(), limit);
      }
      return in;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        // The servlet specification's default when the request names no charset.
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }

    boolean exceeded() {
      return in != null && in.exceeded;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private long count;
    private boolean exceeded;

    LimitedInputStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      refuseIfExceeded();
      int b = in.read();
      if (b != -1) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      refuseIfExceeded();
      // Never asks for more than one byte past the limit: that byte is enough to refuse the body.
      int n = in.read(b, off, (int) Math.min(len, limit - count + 1));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLarge {
      count += n;
      if (count > limit) {
        exceeded = true;
        throw new BodyTooLarge(limit);
      }
    }

    private void refuseIfExceeded() throws BodyTooLarge {
      if (exceeded) {
        throw new BodyTooLarge(limit);
      }
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
