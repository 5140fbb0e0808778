package io.omnijourney.template;

import io.omnijourney.channel.Channel;
import io.omnijourney.customer.UnsubscribeLinks;
import io.omnijourney.template.MessageTemplates.TemplateException;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.omnijourney.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The message templates analysts keep in {@code templates/}, over HTTP:
 * <ul>
 *   <li>{@code GET /api/templates}: every template id, with the channels and locales it has;
 *   <li>{@code POST /api/templates/{id}/preview} {@code {"channel": "sms", "locale": "fa",
 *       "variables": {...}}}: the message as it would go out, with its SMS part count. A missing
 *       variable is a 400 that names it, as it would fail the send; so is a template id or locale
 *       of the wrong form (a locale must be a BCP 47 language tag; one the template has no text in
 *       falls back to its language, then English). An unknown template is a 404.
 * </ul>
 */
@RestController
@RequestMapping("/api/templates")
@Tag(name = "Templates", description = "The message templates in templates/")
class TemplateController {

  /** One template id and what it has: for each channel, the locales of its text. */
  @Schema(name = "Template", requiredProperties = {"id", "channels"})
  record TemplateView(String id, Map<String, List<String>> channels) {}

  /** {@code POST /api/templates/{id}/preview}. */
  @Schema(requiredProperties = "channel")
  record PreviewRequest(
      @Schema(allowableValues = {"sms", "whatsapp", "telegram", "viber", "email", "push"}) String channel,
      @Schema(description = "A BCP 47 language tag; one the template has no text in falls back to its language,"
          + " then English", example = "fa") String locale,
      Map<String, Object> variables) {}

  /** A rendered message; {@code smsParts} only for SMS. */
  @Schema(requiredProperties = "text")
  record Preview(String subject, String text, String html, Integer smsParts) {}

  private final MessageTemplates templates;
  private final UnsubscribeLinks unsubscribeLinks;

  TemplateController(MessageTemplates templates, UnsubscribeLinks unsubscribeLinks) {
    this.templates = templates;
    this.unsubscribeLinks = unsubscribeLinks;
  }

  @Operation(summary = "The message templates", description = "Each template id with, per channel, its locales.")
  @ApiResponse(responseCode = "200", description = "The templates, by id")
  @GetMapping
  List<TemplateView> list() {
    List<TemplateView> views = new ArrayList<>();
    templates.catalogue().forEach((id, channels) -> {
      Map<String, List<String>> locales = new TreeMap<>();
      channels.forEach((channel, set) -> locales.put(channel.id(), List.copyOf(set)));
      views.add(new TemplateView(id, locales));
    });
    return views;
  }

  @Operation(summary = "Preview a message", description = """
      The message as it would go out, with its SMS part count for SMS. A missing variable is a 400 that \
      names it, as it would fail the send.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"channel": "sms", "locale": "fa", "variables": {"orderNumber": "1001"}}""")))
  @ApiResponse(responseCode = "200", description = "The rendered message")
  @ApiResponse(responseCode = "400", description = """
      A missing variable, no or an unknown channel, a locale that is not a BCP 47 language tag, or a \
      template id of the wrong form""")
  @ApiResponse(responseCode = "404", description = "No such template, or none for the channel")
  @PostMapping("/{id}/preview")
  Preview preview(@PathVariable String id, @RequestBody(required = false) PreviewRequest request) {
    PreviewRequest body = request == null ? new PreviewRequest(null, null, null) : request;
    List<FieldError> problems = new ArrayList<>();
    if (!MessageTemplates.isTemplateId(id)) {
      problems.add(new FieldError("id", "must be a template id such as order-confirmation"));
    }
    Optional<Channel> channel = Channel.fromId(body.channel() == null ? "" : body.channel());
    if (channel.isEmpty()) {
      problems.add(new FieldError("channel", "must be one of sms, whatsapp, telegram, viber, email, push"));
    }
    // The value is not echoed: it may be anything, of any length.
    if (body.locale() != null && !MessageTemplates.isLanguageTag(body.locale())) {
      problems.add(new FieldError("locale", "must be a BCP 47 language tag such as fa or en-GB, at most "
          + MessageTemplates.MAX_LOCALE_LENGTH + " characters"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequest(problems);
    }
    if (!templates.exists(id)) {
      throw new NotFound("No template '" + id + "'; GET /api/templates lists them");
    }
    if (!templates.exists(id, channel.get())) {
      throw new NotFound("No template '" + id + "' for channel " + channel.get().id());
    }
    String locale = body.locale() == null ? "en" : body.locale();
    Map<String, Object> model = new HashMap<>(body.variables() == null ? Map.of() : body.variables());
    // What a send adds itself: the locale, and for email the unsubscribe link.
    model.putIfAbsent("locale", locale);
    if (channel.get() == Channel.EMAIL) {
      model.putIfAbsent("unsubscribeUrl", unsubscribeLinks.linkFor("preview", Channel.EMAIL));
    }
    try {
      RenderedMessage message = templates.render(id, channel.get(), locale, model);
      return new Preview(message.subject(), message.text(), message.html(),
          channel.get() == Channel.SMS ? SmsSegments.count(message.text()) : null);
    } catch (TemplateException e) {
      throw new InvalidRequest(List.of(new FieldError("variables", e.getMessage())));
    }
  }
}
