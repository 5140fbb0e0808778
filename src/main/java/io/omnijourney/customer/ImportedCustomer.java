package io.omnijourney.customer;

import io.omnijourney.web.InvalidRequest.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One customer of an import ({@code POST /api/customers/import}): the fields of a journey's
 * customer ({@link CustomerUpdate}), and a name, tags and attributes. A field left out (null, or an
 * empty CSV cell) keeps what the profile has; tags, when given, replace the profile's; each
 * attribute given is set, the others are kept.
 */
@Schema(name = "ImportedCustomer", requiredProperties = "id", description = "One line of an NDJSON import")
public record ImportedCustomer(
    String id,
    String name,
    String phone,
    String email,
    String telegramChatId,
    String whatsapp,
    String viberId,
    String pushToken,
    String locale,
    String timeZone,
    List<String> preferredChannels,
    List<String> tags,
    Map<String, String> attributes) {

  static final int MAX_NAME = 200;
  static final int MAX_TAGS = 50;
  static final int MAX_ATTRIBUTES = 50;
  public static final int MAX_VALUE = 500;
  /** A tag: letters, digits and {@code _ . : @ + -}, as segments name them. */
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_.:@+-]{1,64}");
  public static final String TAG_RULE = "must be 1 to 64 letters, digits and _ . : @ + -";
  /** An attribute's name is also its template variable ({@code customer.attributes.city}): no dots, no spaces. */
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  public static final String ATTRIBUTE_NAME_RULE = "a letter, then letters, digits or _, at most 64 characters";

  /** Whether {@code tag} is a tag as profiles hold them. */
  public static boolean isTag(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }

  /** Whether {@code name} may name an attribute: {@value #ATTRIBUTE_NAME_RULE}. */
  public static boolean isAttributeName(String name) {
    return name != null && ATTRIBUTE_NAME.matcher(name).matches();
  }

  /** The contact data, checked and saved as a journey's customer is. */
  CustomerUpdate contact() {
    return new CustomerUpdate(id, phone, email, telegramChatId, whatsapp, viberId, pushToken, locale, timeZone,
        preferredChannels);
  }

  /**
   * What is wrong with the name, tags and attributes; the contact data is checked by
   * {@link CustomerValidation}. {@code attributePrefix} names an attribute's field: {@code attributes.}
   * in JSON, nothing in CSV, where an attribute is a column.
   */
  List<FieldError> problems(String attributePrefix) {
    List<FieldError> problems = new ArrayList<>();
    if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
      problems.add(new FieldError("name", "must be 1 to " + MAX_NAME + " characters"));
    }
    if (tags != null) {
      if (tags.size() > MAX_TAGS) {
        problems.add(new FieldError("tags", "may hold at most " + MAX_TAGS + " tags"));
      }
      for (int i = 0; i < tags.size() && i < MAX_TAGS; i++) {
        if (!isTag(tags.get(i))) {
          problems.add(new FieldError("tags[" + i + "]",
              TAG_RULE));
        }
      }
    }
    if (attributes != null) {
      if (attributes.size() > MAX_ATTRIBUTES) {
        problems.add(new FieldError("attributes", "may hold at most " + MAX_ATTRIBUTES + " attributes"));
      }
      attributes.forEach((key, value) -> {
        if (!isAttributeName(key)) {
          problems.add(new FieldError(attributePrefix + key, "is not an attribute name: " + ATTRIBUTE_NAME_RULE));
        } else if (value == null || value.length() > MAX_VALUE) {
          problems.add(new FieldError(attributePrefix + key, "must be a text of at most " + MAX_VALUE + " characters"));
        }
      });
    }
    return problems;
  }

  @Override
  public String toString() {
    return "ImportedCustomer[" + id + "]";
  }
}
