package io.omnijourney.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /o/{token}}: an email's open pixel (see {@link EmailOpens}); no login, the token is signed. */
@RestController
@Tag(name = "Customer links")
class EmailOpenController {

  /** A transparent 1x1 GIF. */
  private static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final EmailOpens opens;

  EmailOpenController(EmailOpens opens) {
    this.opens = opens;
  }

  @Operation(summary = "Email open pixel", description = "Records that the customer opened the email.")
  @ApiResponse(responseCode = "200", description = "A transparent 1x1 GIF",
      content = @Content(mediaType = "image/gif", schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "404", description = "The token is not one we signed (an empty body)")
  @GetMapping("/" + EmailOpens.PATH + "/{token}")
  ResponseEntity<byte[]> open(@PathVariable String token) {
    if (!opens.opened(token)) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_GIF).body(PIXEL);
  }
}
