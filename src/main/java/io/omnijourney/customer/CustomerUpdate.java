package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import io.omnijourney.web.InvalidRequest.FieldError;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's profile as applications send it, in a journey start ({@code customer}) or in
 * {@code PUT /api/customers/{id}}: fields beyond {@code id} are optional and update the one profile.
 */
public record CustomerUpdate(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:@-]+", message = "may hold letters, digits and . _ : @ -")
        String id,
    @PhoneNumber String phone,
    @Email(regexp = ".+@.+\\..+") @Size(max = 320) String email,
    @Pattern(regexp = "-?[0-9]{1,20}", message = "must be a numeric Telegram chat id") String telegramChatId,
    @PhoneNumber String whatsapp,
    @Size(max = 128) String viberId,
    @Size(max = 512) String pushToken,
    @Pattern(regexp = "fa|ru|en", message = "must be one of fa, ru, en") String locale,
    @Size(max = 64) String timeZone,
    List<String> preferredChannels) {

  /** The changes to the profile, with the phone numbers in E.164 and the email in lower case. */
  public ProfileChanges changes() {
    return new ProfileChanges(id, ContactFormats.e164(phone).orElse(null), ContactFormats.email(email).orElse(null),
        ContactFormats.e164(whatsapp).orElse(null), telegramChatId, viberId, pushToken, locale, timeZone);
  }

  /**
   * The channels the customer stated, first preferred; null when this data says nothing about them
   * (an empty list clears a stated preference).
   */
  public Optional<List<Channel>> statedChannels() {
    return Optional.ofNullable(preferredChannels)
        .map(ids -> ids.stream().map(id -> Channel.fromId(id).orElseThrow()).toList());
  }

  /**
   * What annotations cannot check: the time zone and the stated channels. {@code prefix} is the
   * JSON path of this object.
   */
  public List<FieldError> problems(String prefix) {
    List<FieldError> problems = new ArrayList<>();
    if (timeZone != null) {
      try {
        ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        problems.add(new FieldError(prefix + "timeZone", "must be a time zone id such as Asia/Tehran"));
      }
    }
    if (preferredChannels != null) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < preferredChannels.size(); i++) {
        String id = preferredChannels.get(i);
        String field = prefix + "preferredChannels[" + i + "]";
        if (id == null || Channel.fromId(id).isEmpty()) {
          problems.add(new FieldError(field, "must be one of sms, whatsapp, telegram, viber, email, push"));
        } else if (!seen.add(id)) {
          problems.add(new FieldError(field, "names " + id + " twice"));
        }
      }
    }
    return problems;
  }

  /** The same data for another id, e.g. the one in the path of {@code PUT /api/customers/{id}}. */
  public CustomerUpdate withId(String newId) {
    return new CustomerUpdate(newId, phone, email, telegramChatId, whatsapp, viberId, pushToken, locale, timeZone,
        preferredChannels);
  }
}
