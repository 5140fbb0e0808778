package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.channel.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Opt-outs and unreachable addresses on the customer's profile, per channel and address. A send to
 * a blocked address is refused before any provider is called, and the journey falls back.
 */
@Service
public class ChannelBlocks {

  private final JdbcClient jdbc;

  public ChannelBlocks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a block; recording the same one again changes nothing (the first stays: it says when
   * and why the address stopped working).
   */
  public void block(String customerId, Channel channel, String address, Block kind, String provider, String code) {
    if (kind == Block.NONE) {
      return;
    }
    String hash = hash(address);
    jdbc.sql("INSERT INTO channel_block (customer_id, channel, address_hash, kind, provider, code, created_at)"
            + " SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM channel_block"
            + " WHERE customer_id = ? AND channel = ? AND address_hash = ?)")
        .params(customerId, channel.id(), hash, kind.name(), provider, code, OffsetDateTime.now(),
            customerId, channel.id(), hash)
        .update();
  }

  /** The block on this address and channel, if there is one. */
  public Optional<Block> blocked(String customerId, Channel channel, String address) {
    return jdbc.sql("SELECT kind FROM channel_block WHERE customer_id = ? AND channel = ? AND address_hash = ?")
        .params(customerId, channel.id(), hash(address))
        .query(String.class).optional()
        .map(Block::valueOf);
  }

  static String hash(String address) {
    return Signatures.sha256Hex(address.strip().getBytes(StandardCharsets.UTF_8));
  }
}
