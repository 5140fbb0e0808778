package io.omnijourney.channel.sandbox;

import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox's own API: its rules and its outbox. */
@RestController
@RequestMapping("/sandbox")
@Validated
@SandboxEnabled
@Tag(name = "Sandbox", description = "The stand-in provider of local and test installations (off in prod)")
class SandboxController {

  private final SandboxRules rules;
  private final SandboxOutbox outbox;

  SandboxController(SandboxRules rules, SandboxOutbox outbox) {
    this.rules = rules;
    this.outbox = outbox;
  }

  @Operation(summary = "The sandbox's rules", description = "In order; the first that matches a message decides.")
  @ApiResponse(responseCode = "200", description = "The rules")
  @GetMapping("/rules")
  List<SandboxRule> rules() {
    return rules.list();
  }

  @Operation(summary = "Replace the sandbox's rules", description = """
      For messages on `channel` (`*` for any) to `recipient` (`*`, or a pattern such as `+98*`), answer with \
      `outcome` and report after `delayMs`. No rule means `deliver`.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      [{"channel": "sms", "recipient": "*", "outcome": "silent", "delayMs": 0}]""")))
  @ApiResponse(responseCode = "200", description = "The rules now in force")
  @PutMapping("/rules")
  List<SandboxRule> replaceRules(@RequestBody @Valid List<@Valid SandboxRule> newRules) {
    rules.replace(newRules);
    return rules.list();
  }

  @Operation(summary = "The messages the sandbox took", description = "Oldest first, as a provider's log would show them.")
  @ApiResponse(responseCode = "200", description = "The messages")
  @GetMapping("/outbox")
  List<Entry> outbox(
      @RequestParam(required = false) String channel, @RequestParam(required = false) String recipient) {
    return outbox.list(channel, recipient);
  }

  @Operation(summary = "Clear the sandbox's outbox")
  @ApiResponse(responseCode = "204", description = "Cleared")
  @DeleteMapping("/outbox")
  ResponseEntity<Void> clearOutbox() {
    outbox.clear();
    return ResponseEntity.noContent().build();
  }
}
