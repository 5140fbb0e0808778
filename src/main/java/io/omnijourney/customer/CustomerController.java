package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import io.omnijourney.customer.ChannelBlocks.Entry;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.omnijourney.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer profile over HTTP: one profile with its identities, name, tags and attributes (which
 * an import sets, see {@link CustomerImportController}), the channel order the customer
 * stated ({@code preferredChannels}), the channel on which they last read or replied
 * ({@code learnedChannel}), and its opt-outs and blocked addresses, whichever
 * source recorded them (this API, a provider's refusal, a bounce).
 * <ul>
 *   <li>{@code GET /api/customers/{id}};
 *   <li>{@code PUT /api/customers/{id}}: creates the profile or updates the fields given (as in a
 *       journey start's {@code customer}; the id comes from the path);
 *   <li>{@code GET /api/customers?phone=...} or {@code ?email=...}: the profiles with that phone
 *       (as phone or WhatsApp number, in any notation libphonenumber reads) or email;
 *   <li>{@code DELETE /api/customers/{id}}: erasure; afterwards nothing names the person (see {@link Erasure});
 *   <li>{@code POST /api/customers/{id}/opt-outs} {@code {"channel": "sms"}}: the customer asked not
 *       to be messaged on the channel. Every later send there is skipped and the journey falls back,
 *       transactional messages included.
 * </ul>
 */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers", description = "Profiles, opt-outs and erasure")
class CustomerController {

  /** One opt-out or blocked address on the profile. {@code everyAddress}: the whole channel. */
  @Schema(name = "OptOut", requiredProperties = {"channel", "kind", "everyAddress", "since"})
  record OptOutView(String channel, String kind, boolean everyAddress, String source, String code,
      OffsetDateTime since) {}

  /** The profile as the API shows it. */
  @Schema(name = "Customer", requiredProperties = {"id", "preferredChannels", "optOuts", "tags", "attributes"})
  record CustomerView(String id, String name, String phone, String email, String whatsapp, String telegramChatId,
      String viberId, String pushToken, String locale, String timeZone, List<String> preferredChannels,
      String learnedChannel, List<OptOutView> optOuts, List<String> tags, Map<String, String> attributes) {}

  /** {@code POST /api/customers/{id}/opt-outs}. */
  record OptOutRequest(
      @Schema(allowableValues = {"sms", "whatsapp", "telegram", "viber", "email", "push"}) String channel) {}

  static final String API_SOURCE = "api";

  private final Customers customers;
  private final ChannelBlocks blocks;
  private final CustomerValidation validation;
  private final Erasure erasure;

  CustomerController(Customers customers, ChannelBlocks blocks, CustomerValidation validation, Erasure erasure) {
    this.customers = customers;
    this.blocks = blocks;
    this.validation = validation;
    this.erasure = erasure;
  }

  @Operation(summary = "A customer's profile", description = """
      Identities, name, locale, time zone, `preferredChannels` (the order they stated), `learnedChannel` \
      (where they last read a message or wrote to us), every opt-out or blocked address with its source, \
      and the tags and attributes an import set.""")
  @ApiResponse(responseCode = "200", description = "The profile")
  @ApiResponse(responseCode = "404", description = "No customer with this id")
  @GetMapping("/{id}")
  CustomerView get(@PathVariable String id) {
    return view(customers.find(id).orElseThrow(() -> new NotFound("No customer " + id)));
  }

  @Operation(summary = "Create or update a profile", description = """
      Creates the profile or updates the fields given; `id` comes from the path and may be left out of the \
      body. `preferredChannels: []` clears a stated preference.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"phone": "+989121234567", "email": "sara@example.com", "locale": "fa", "timeZone": "Asia/Tehran",
       "preferredChannels": ["telegram", "email"]}""")))
  @ApiResponse(responseCode = "200", description = "The profile as stored")
  @PutMapping("/{id}")
  @Transactional
  CustomerView put(@PathVariable String id, @RequestBody CustomerUpdate body) {
    CustomerUpdate data = body.withId(id);
    List<FieldError> problems = new ArrayList<>();
    if (body.id() != null && !body.id().equals(id)) {
      problems.add(new FieldError("id", "must be the id in the path, or left out"));
    }
    problems.addAll(validation.problems(data, ""));
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(FieldError::field));
      throw new InvalidRequest(problems);
    }
    customers.save(data);
    return get(id);
  }

  @Operation(summary = "Erase a customer", description = """
      Erasure on request: cancels the customer's journeys and deletes their engine history, ledger rows, \
      reports, messages, opt-outs and profile, in one transaction.""")
  @ApiResponse(responseCode = "204", description = "Erased")
  @ApiResponse(responseCode = "404", description = "No customer with this id")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void erase(@PathVariable String id) {
    if (!erasure.erase(id)) {
      throw new NotFound("No customer " + id);
    }
  }

  @Operation(summary = "Find customers by phone or email", description = """
      The profiles with that phone (as phone or WhatsApp number, in any notation) or email (any case). \
      Give exactly one of the two.""")
  @ApiResponse(responseCode = "200", description = "The profiles found, maybe none")
  @ApiResponse(responseCode = "400", description = "Neither or both of phone and email, or one that is not valid")
  @GetMapping
  List<CustomerView> search(
      @Parameter(description = "An international number", example = "+989121234567")
      @RequestParam(required = false) String phone,
      @Parameter(description = "An email address", example = "sara@example.com")
      @RequestParam(required = false) String email) {
    if ((phone == null) == (email == null)) {
      throw new InvalidRequest(List.of(new FieldError(phone == null ? "phone" : "email",
          "give either phone or email, not both and not neither")));
    }
    List<Customer> found = phone != null
        ? customers.findByPhone(ContactFormats.e164(phone).orElseThrow(() -> new InvalidRequest(
            List.of(new FieldError("phone", "must be an international phone number such as +989121234567")))))
        : customers.findByEmail(ContactFormats.email(email).orElseThrow(() -> new InvalidRequest(
            List.of(new FieldError("email", "must be an email address")))));
    return found.stream().map(this::view).toList();
  }

  @Operation(summary = "Opt a customer out of a channel", description = """
      Every later send on the channel is skipped and the journey falls back at once, transactional \
      messages included.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"channel": "sms"}""")))
  @ApiResponse(responseCode = "201", description = "Opted out; the profile with its opt-outs")
  @ApiResponse(responseCode = "400", description = "No channel, or not one of ours")
  @ApiResponse(responseCode = "404", description = "No customer with this id")
  @PostMapping("/{id}/opt-outs")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  CustomerView optOut(@PathVariable String id, @RequestBody(required = false) OptOutRequest request) {
    String channelId = request == null ? null : request.channel();
    Channel channel = Channel.fromId(channelId == null ? "" : channelId).orElseThrow(() -> new InvalidRequest(
        List.of(new FieldError("channel", "must be one of sms, whatsapp, telegram, viber, email, push"))));
    Customer customer = customers.find(id).orElseThrow(() -> new NotFound("No customer " + id));
    blocks.optOut(customer.id(), channel, API_SOURCE);
    return view(customer);
  }

  private CustomerView view(Customer c) {
    List<OptOutView> optOuts = blocks.of(c.id()).stream().map(CustomerController::view).toList();
    return new CustomerView(c.id(), c.name(), c.phone(), c.email(), c.whatsapp(), c.telegramChatId(), c.viberId(),
        c.pushToken(), c.locale(), c.timeZone(),
        customers.statedChannels(c.id()).stream().map(Channel::id).toList(), customers.learnedChannel(c.id()).map(Channel::id).orElse(null),
        optOuts, customers.tags(c.id()), customers.attributes(c.id()));
  }

  private static OptOutView view(Entry entry) {
    return new OptOutView(entry.channel().id(), entry.kind().name().toLowerCase().replace('_', '-'),
        entry.everyAddress(), entry.provider() != null ? entry.provider() : entry.code(),
        entry.provider() != null ? entry.code() : null, entry.since());
  }
}
