package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.channel.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Opt-outs and unreachable addresses on the customer's profile, per channel and address. A send to
 * a blocked address is refused before any provider is called, and the journey falls back.
 */
@Service
public class ChannelBlocks {

  /** The address hash of a block that covers every address of the customer on the channel. */
  static final String EVERY_ADDRESS = "*";

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
    insert(customerId, channel, hash(address), kind, provider, code);
  }

  private void insert(String customerId, Channel channel, String hash, Block kind, String provider, String code) {
    jdbc.sql("INSERT INTO channel_block (customer_id, channel, address_hash, kind, provider, code, created_at)"
            + " SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM channel_block"
            + " WHERE customer_id = ? AND channel = ? AND address_hash = ?)")
        .params(customerId, channel.id(), hash, kind.name(), provider, code, OffsetDateTime.now(),
            customerId, channel.id(), hash)
        .update();
  }

  /**
   * Records that the customer opted out of the channel, whatever their address there (through the
   * API, say); recording it again changes nothing.
   */
  public void optOut(String customerId, Channel channel, String source) {
    insert(customerId, channel, EVERY_ADDRESS, Block.OPTED_OUT, null, source);
  }

  /** The block on this address and channel, or on the whole channel, if there is one. */
  public Optional<Block> blocked(String customerId, Channel channel, String address) {
    return jdbc.sql("SELECT kind FROM channel_block WHERE customer_id = ? AND channel = ? AND address_hash IN (?, ?)")
        .params(customerId, channel.id(), hash(address), EVERY_ADDRESS)
        .query(String.class).list().stream()
        .map(Block::valueOf)
        .findFirst();
  }

  /** One block on a customer's profile. {@code everyAddress}: it covers the channel, not one address. */
  public record Entry(Channel channel, Block kind, boolean everyAddress, String provider, String code,
      OffsetDateTime since) {}

  /** The customer's blocks, oldest first. */
  public List<Entry> of(String customerId) {
    return jdbc.sql("SELECT channel, kind, address_hash, provider, code, created_at FROM channel_block"
            + " WHERE customer_id = ? ORDER BY created_at, channel")
        .param(customerId)
        .query((rs, row) -> new Entry(Channel.fromId(rs.getString("channel")).orElseThrow(),
            Block.valueOf(rs.getString("kind")), EVERY_ADDRESS.equals(rs.getString("address_hash")),
            rs.getString("provider"), rs.getString("code"), rs.getObject("created_at", OffsetDateTime.class)))
        .list();
  }

  /**
   * SQL over the {@code customer} table as {@code c}: true when the customer has an address on the
   * channel and no block on it, as {@link #blocked} would answer for that address. It binds one
   * parameter, the channel's id. The address hash is {@link #hash}'s, in each database's own functions.
   */
  public static String reachableSql(Channel channel, boolean postgres) {
    String address = "TRIM(" + Customer.addressColumn(channel) + ")";
    String hash = postgres ? "encode(sha256(convert_to(" + address + ", 'UTF8')), 'hex')"
        : "LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(" + address + "))))";
    return "(" + address + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM channel_block b WHERE b.customer_id = c.id"
        + " AND b.channel = ? AND b.address_hash IN ('" + EVERY_ADDRESS + "', " + hash + ")))";
  }

  static String hash(String address) {
    return Signatures.sha256Hex(address.strip().getBytes(StandardCharsets.UTF_8));
  }
}
