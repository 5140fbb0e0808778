package io.omnijourney.segment;

import io.omnijourney.channel.Channel;
import io.omnijourney.customer.ContactFormats;
import io.omnijourney.customer.ImportedCustomer;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which profiles a segment holds. Every field is optional and narrows the segment; a list means
 * "any of these", except {@code tags}, which the customer must all have. An empty filter holds
 * every customer. Evaluated in the database ({@link SegmentQuery}).
 */
@Schema(name = "SegmentFilter", description = """
    Each field given narrows the segment (they are ANDed); a list means any of its values, except \
    `tags`, which the customer must all have. `{}` is every customer.""")
public record SegmentFilter(
    @Schema(description = "The customer's language, any of", example = "[\"fa\"]")
    List<String> locale,
    @Schema(description = "The country of the customer's phone number (ISO 3166 code), any of", example = "[\"IR\"]")
    List<String> country,
    @Schema(description = "The customer's time zone, any of", example = "[\"Asia/Tehran\"]")
    List<String> timeZone,
    @Schema(description = "Reachable on one of these channels at least: an address there, and no opt-out or block",
        example = "[\"telegram\"]")
    List<String> reachableOn,
    @Schema(description = "The channel the customer last read or replied on, any of", example = "[\"telegram\"]")
    List<String> learnedChannel,
    @Schema(description = "Tags the customer has, every one of them", example = "[\"vip\"]")
    List<String> tags,
    @Schema(description = "Attributes the customer has, each with one of its values", example = "{\"city\": [\"Tehran\"]}")
    Map<String, List<String>> attributes,
    @Schema(description = "Read a message or wrote to us within this many days", example = "30")
    Integer engagedWithinDays,
    @Schema(description = "Purchased within this many days (a purchase event naming the customer)", example = "90")
    Integer purchasedWithinDays) {

  static final int MAX_VALUES = 100;
  static final int MAX_ATTRIBUTES = 20;
  static final int MAX_DAYS = 3650;
  private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,4})?");
  private static final String CHANNELS = "sms, whatsapp, telegram, viber, email, push";

  /** Every bad field, named as {@code filter.<field>}; empty when the filter is good. */
  List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>();
    values(problems, "locale", locale, LOCALE.asMatchPredicate(), "must be a language such as fa");
    values(problems, "country", country, ContactFormats::isCountry, "must be an ISO 3166 country code such as IR");
    values(problems, "timeZone", timeZone, SegmentFilter::isZone, "must be a time zone id such as Asia/Tehran");
    values(problems, "reachableOn", reachableOn, SegmentFilter::isChannel, "must be one of " + CHANNELS);
    values(problems, "learnedChannel", learnedChannel, SegmentFilter::isChannel, "must be one of " + CHANNELS);
    values(problems, "tags", tags, ImportedCustomer::isTag, ImportedCustomer.TAG_RULE);
    if (attributes != null) {
      if (attributes.isEmpty() || attributes.size() > MAX_ATTRIBUTES) {
        problems.add(new FieldError("filter.attributes", "must name 1 to " + MAX_ATTRIBUTES + " attributes"));
      }
      attributes.forEach((name, values) -> {
        if (!ImportedCustomer.isAttributeName(name)) {
          problems.add(new FieldError("filter.attributes." + name,
              "is not an attribute name: " + ImportedCustomer.ATTRIBUTE_NAME_RULE));
        } else {
          values(problems, "attributes." + name, values, v -> v.length() <= ImportedCustomer.MAX_VALUE,
              "must be a text of at most " + ImportedCustomer.MAX_VALUE + " characters");
        }
      });
    }
    days(problems, "engagedWithinDays", engagedWithinDays);
    days(problems, "purchasedWithinDays", purchasedWithinDays);
    return problems;
  }

  private static void values(List<FieldError> problems, String field, List<String> values, Predicate<String> valid,
      String rule) {
    if (values == null) {
      return;
    }
    if (values.isEmpty() || values.size() > MAX_VALUES) {
      problems.add(new FieldError("filter." + field, "must list 1 to " + MAX_VALUES + " values"));
    }
    for (int i = 0; i < values.size() && i < MAX_VALUES; i++) {
      if (values.get(i) == null || !valid.test(values.get(i))) {
        problems.add(new FieldError("filter." + field + "[" + i + "]", rule));
      }
    }
  }

  private static void days(List<FieldError> problems, String field, Integer days) {
    if (days != null && (days < 1 || days > MAX_DAYS)) {
      problems.add(new FieldError("filter." + field, "must be a number of days from 1 to " + MAX_DAYS));
    }
  }

  private static boolean isZone(String id) {
    try {
      ZoneId.of(id);
      return id.length() <= 64;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean isChannel(String id) {
    return Channel.fromId(id).isPresent();
  }
}
