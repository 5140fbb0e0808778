package io.omnijourney.channel.sandbox;

import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
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
class SandboxController {

  private final SandboxRules rules;
  private final SandboxOutbox outbox;

  SandboxController(SandboxRules rules, SandboxOutbox outbox) {
    this.rules = rules;
    this.outbox = outbox;
  }

  @GetMapping("/rules")
  List<SandboxRule> rules() {
    return rules.list();
  }

  @PutMapping("/rules")
  List<SandboxRule> replaceRules(@RequestBody @Valid List<@Valid SandboxRule> newRules) {
    rules.replace(newRules);
    return rules.list();
  }

  @GetMapping("/outbox")
  List<Entry> outbox(
      @RequestParam(required = false) String channel, @RequestParam(required = false) String recipient) {
    return outbox.list(channel, recipient);
  }

  @DeleteMapping("/outbox")
  ResponseEntity<Void> clearOutbox() {
    outbox.clear();
    return ResponseEntity.noContent().build();
  }
}
