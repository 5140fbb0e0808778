package io.omnijourney.customer;

import io.omnijourney.customer.UnsubscribeLinks.Target;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /u/{token}}, the unsubscribe link in every email, and {@code POST} for mail clients'
 * one-click unsubscribe (RFC 8058). A good token opts the customer out of the channel and answers
 * a small page in their language; no login, since the token is signed.
 */
@RestController
@Tag(name = "Customer links", description = "Opened by customers from their messages: no login, the token is signed")
class UnsubscribeController {

  static final String SOURCE = "unsubscribe-link";

  private static final Logger log = LoggerFactory.getLogger(UnsubscribeController.class);
  private static final Map<String, String> DONE = Map.of(
      "en", "You are unsubscribed. We will not send you further messages on this channel.",
      "fa", "اشتراک شما لغو شد. دیگر از این راه برای شما پیامی نمی‌فرستیم.",
      "ru", "Вы отписались. Мы больше не будем присылать вам сообщения по этому каналу.");
  private static final String INVALID = "This unsubscribe link is not valid.";

  private final UnsubscribeLinks links;
  private final Customers customers;
  private final ChannelBlocks blocks;

  UnsubscribeController(UnsubscribeLinks links, Customers customers, ChannelBlocks blocks) {
    this.links = links;
    this.customers = customers;
    this.blocks = blocks;
  }

  @Operation(summary = "Unsubscribe link", description = """
      The link in every email; POST for mail clients' one-click unsubscribe (RFC 8058). A good token opts \
      the customer out of the channel and answers a small page in their language.""")
  @ApiResponse(responseCode = "200", description = "Unsubscribed",
      content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "404", description = "The token is not one we signed, or the customer is gone",
      content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
  @RequestMapping(path = "/u/{token}", method = {RequestMethod.GET, RequestMethod.POST})
  ResponseEntity<String> unsubscribe(@PathVariable String token) {
    Optional<Target> target = links.verify(token);
    Optional<Customer> customer = target.flatMap(t -> customers.find(t.customerId()));
    if (customer.isEmpty()) {
      return page(HttpStatus.NOT_FOUND, "en", INVALID);
    }
    blocks.optOut(customer.get().id(), target.get().channel(), SOURCE);
    log.info("A customer unsubscribed from {} through the link", target.get().channel().id());
    String locale = DONE.containsKey(customer.get().locale()) ? customer.get().locale() : "en";
    return page(HttpStatus.OK, locale, DONE.get(locale));
  }

  private static ResponseEntity<String> page(HttpStatus status, String locale, String text) {
    String direction = locale.equals("fa") ? "rtl" : "ltr";
    String html = "<!doctype html><html lang=\"" + locale + "\" dir=\"" + direction + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width\"><title>Omnijourney</title></head>"
        + "<body style=\"font-family:sans-serif;max-width:32em;margin:4em auto\"><p>" + text + "</p></body></html>";
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(html);
  }
}
