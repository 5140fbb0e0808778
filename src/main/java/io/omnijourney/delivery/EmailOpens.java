package io.omnijourney.delivery;

import io.omnijourney.channel.Channel;
import io.omnijourney.web.SignedLinks;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Email has no read receipts, so every HTML email carries a 1x1 image whose signed address names
 * its delivery ({@code <public URL>/o/<token>}). The mail program loading it is the "read" report
 * of that delivery: it goes through {@link DeliveryReports} like any provider's report, so it is
 * stored once, moves the status to READ, teaches the customer's learned channel and ends a
 * journey's wait on {@code delivery-read}. Turned off with {@code omnijourney.mail.open-tracking}.
 *
 * <p>An open is a hint, not proof: programs that block images never report one, and some load
 * every image on arrival. A journey waiting for an open therefore always has a timer as well.
 */
@Component
public class EmailOpens {

  static final String PATH = "o";

  private final SignedLinks links;
  private final DeliveryLedger ledger;
  private final DeliveryReports reports;
  private final boolean enabled;

  public EmailOpens(SignedLinks links, DeliveryLedger ledger, DeliveryReports reports,
      @Value("${omnijourney.mail.open-tracking:true}") boolean enabled) {
    this.links = links;
    this.ledger = ledger;
    this.reports = reports;
    this.enabled = enabled;
  }

  /** The HTML with the delivery's pixel just before {@code </body>} (or at the end); unchanged when off. */
  String withPixel(String html, String deliveryId) {
    if (!enabled || html == null) {
      return html;
    }
    String pixel = "<img src=\"" + links.link(PATH, deliveryId) + "\" width=\"1\" height=\"1\" alt=\"\""
        + " style=\"display:block;border:0\">";
    int body = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
    return body < 0 ? html + pixel : html.substring(0, body) + pixel + html.substring(body);
  }

  /**
   * Records that the email of the token's delivery was opened. False when the token is not one of
   * ours or names no email that went out: then nothing is stored.
   */
  boolean opened(String token) {
    Optional<Delivery> email = links.verify(token, 1)
        .flatMap(values -> ledger.find(values.get(0)))
        .filter(delivery -> delivery.channel() == Channel.EMAIL && delivery.providerMessageId() != null);
    email.ifPresent(delivery -> reports.receive(delivery.provider(),
        new ProviderReport("open:" + delivery.id(), delivery.providerMessageId(), DeliveryStatus.READ,
            OffsetDateTime.now(ZoneOffset.UTC)),
        "{\"event\":\"open\",\"deliveryId\":\"" + delivery.id() + "\"}"));
    return email.isPresent();
  }
}
