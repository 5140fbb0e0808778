package io.omnijourney.customer;

import io.omnijourney.customer.CustomerImport.Result;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/customers/import}: customers in bulk, as CSV or NDJSON, read as a stream (see
 * {@link CustomerImport}).
 */
@RestController
@Tag(name = "Customers", description = "Profiles, opt-outs and erasure")
class CustomerImportController {

  static final String CSV = "text/csv";

  private final CustomerImport imports;

  CustomerImportController(CustomerImport imports) {
    this.imports = imports;
  }

  @Operation(summary = "Import customers in bulk", description = """
      CSV with a header row (columns `id,name,phone,email,telegramChatId,whatsapp,viberId,pushToken,locale,\
      timeZone,preferredChannels,tags`, any of them but `id` optional; `tags` and `preferredChannels` \
      separated by `;`; every other column is an attribute), or NDJSON, one customer object a line. Each \
      row is checked as a journey's customer is; a bad row is refused with its line and fields and nothing \
      of it is saved, the good rows are saved in batches. A profile is found by its id: importing again \
      updates it. An empty cell or a missing field keeps what the profile has; tags given replace the \
      profile's, attributes given are set one by one. `refused` lists the first 1,000 problems.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
      @Content(mediaType = CSV, schema = @Schema(type = "string"), examples = @ExampleObject(value = """
          id,name,phone,email,locale,timeZone,tags,city
          cust-42,Sara,+989121234567,sara@example.com,fa,Asia/Tehran,vip;newsletter,Tehran
          """)),
      @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, schema = @Schema(type = "string"),
          examples = @ExampleObject(value = """
              {"id": "cust-42", "name": "Sara", "phone": "+989121234567", "locale": "fa", "tags": ["vip"], "attributes": {"city": "Tehran"}}
              {"id": "cust-43", "name": "Ivan", "telegramChatId": "5512345", "locale": "ru"}
              """))})
  @ApiResponse(responseCode = "200", description = "What was saved and what was refused, line by line")
  @ApiResponse(responseCode = "400", description = """
      CSV without a header naming `id`, or whose header names a column twice or a column that can be no \
      attribute; nothing is imported""")
  @PostMapping(path = "/api/customers/import", consumes = {CSV, MediaType.APPLICATION_NDJSON_VALUE})
  Result importCustomers(@RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type, InputStream body)
      throws IOException {
    return type.isCompatibleWith(MediaType.APPLICATION_NDJSON) ? imports.ndjson(body) : imports.csv(body);
  }
}
