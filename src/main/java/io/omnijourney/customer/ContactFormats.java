package io.omnijourney.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Normalises and checks contact data: phones to E.164 with libphonenumber, emails to lower case. */
public final class ContactFormats {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private ContactFormats() {}

  /** The E.164 form of an international number ("+98 912 123 4567"), or empty when it is not a valid one. */
  public static Optional<String> e164(String phone) {
    if (phone == null || !phone.trim().startsWith("+")) {
      return Optional.empty();
    }
    try {
      PhoneNumber parsed = PHONES.parse(phone, null);
      return PHONES.isValidNumber(parsed)
          ? Optional.of(PHONES.format(parsed, PhoneNumberFormat.E164))
          : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** The country (ISO 3166 region code such as IR or RU) of an E.164 number, if libphonenumber knows it. */
  public static Optional<String> country(String e164) {
    if (e164 == null) {
      return Optional.empty();
    }
    try {
      String region = PHONES.getRegionCodeForNumber(PHONES.parse(e164, null));
      return region == null || "ZZ".equals(region) ? Optional.empty() : Optional.of(region);
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code code} is a country (ISO 3166 region code such as IR) that {@link #country} may answer. */
  public static boolean isCountry(String code) {
    return code != null && PHONES.getSupportedRegions().contains(code);
  }

  public static Optional<String> email(String email) {
    if (email == null || !EMAIL.matcher(email.trim()).matches()) {
      return Optional.empty();
    }
    return Optional.of(email.trim().toLowerCase(Locale.ROOT));
  }
}
