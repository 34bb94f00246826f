package io.cryptomargin.benchmarks;

import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.riskarray.RiskArray;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The DynamoDB item layout of {@code function/.../store/RiskArrayCodec}, re-stated without the AWS
 * SDK so this module need not depend on the Quarkus function (issue #7, item 5). The same
 * attributes, the same encodings: losses as packed little-endian doubles in a Binary attribute;
 * strings for the keys, names and enums; scalars as DynamoDB Numbers written as
 * {@code BigDecimal.valueOf(x).toPlainString()}, NaN left out; an {@code expiresAt} TTL. An
 * attribute here is a {@link Value} (S, N or B) where the function builds an SDK
 * {@code AttributeValue}; the SDK's wrapper objects are not counted, so encode and decode times
 * are a lower bound for the function's. {@link #itemSize} applies the same billing rules as
 * {@code RiskArrayCodec.itemSize}. {@code StoredArrayCodecTest} checks the round trip is exact.
 */
public final class StoredArrayCodec {
  /** One attribute value: exactly one of a string, a number's text or bytes. */
  public record Value(String s, String n, byte[] b) {
    static Value s(String s) {
      return new Value(s, null, null);
    }

    static Value n(double x) {
      return new Value(null, BigDecimal.valueOf(x).toPlainString(), null);
    }

    static Value b(byte[] b) {
      return new Value(null, null, b);
    }
  }

  private StoredArrayCodec() {}

  /** Losses as packed little-endian doubles, 8 bytes each (as {@code RiskArrayCodec.encodeLosses}). */
  public static byte[] encodeLosses(double[] losses) {
    ByteBuffer buffer = ByteBuffer.allocate(losses.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(losses);
    return buffer.array();
  }

  /** Losses from packed little-endian doubles (as {@code RiskArrayCodec.decodeLosses}). */
  public static double[] decodeLosses(byte[] packed) {
    if (packed.length == 0 || packed.length % Double.BYTES != 0) {
      throw new IllegalArgumentException("packed losses must be a non-empty multiple of 8 bytes");
    }
    double[] losses = new double[packed.length / Double.BYTES];
    ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(losses);
    return losses;
  }

  /** The item of an array, as {@code RiskArrayCodec.toItem}. */
  public static Map<String, Value> toItem(String partitionKey, RiskArray array, Instant expiresAt) {
    Map<String, Value> item = new HashMap<>();
    item.put("pk", Value.s(partitionKey));
    item.put("sk", Value.s(array.instrument()));
    item.put("underlying", Value.s(array.underlying()));
    item.put("settlementCurrency", Value.s(array.settlementCurrency()));
    if (array.expiry() != null) {
      item.put("expiry", Value.s(array.expiry().toString()));
    }
    if (array.kind() != null) {
      item.put("kind", Value.s(array.kind().name()));
    }
    if (array.putCall() != null) {
      item.put("putCall", Value.s(array.putCall().name()));
    }
    item.put("losses", Value.b(encodeLosses(array.losses())));
    item.put("compositeDelta", Value.n(array.compositeDelta()));
    if (!Double.isNaN(array.value())) {
      item.put("value", Value.n(array.value()));
    }
    if (!Double.isNaN(array.underlyingPrice())) {
      item.put("underlyingPrice", Value.n(array.underlyingPrice()));
    }
    item.put("expiresAt", new Value(null, Long.toString(expiresAt.getEpochSecond()), null));
    return item;
  }

  /** The array of an item, as {@code RiskArrayCodec.fromItem}. */
  public static RiskArray fromItem(Map<String, Value> item) {
    return new RiskArray(text(item, "sk"), text(item, "underlying"), text(item, "settlementCurrency"),
        item.containsKey("expiry") ? Instant.parse(text(item, "expiry")) : null,
        item.containsKey("kind") ? InstrumentKind.valueOf(text(item, "kind")) : null,
        item.containsKey("putCall") ? PutCall.valueOf(text(item, "putCall")) : null,
        decodeLosses(item.get("losses").b()), number(item, "compositeDelta"), number(item, "value"),
        number(item, "underlyingPrice"));
  }

  /** Billed item size, bytes, by {@code RiskArrayCodec.itemSize}'s rules. */
  public static int itemSize(Map<String, Value> item) {
    int size = 0;
    for (Map.Entry<String, Value> e : item.entrySet()) {
      size += utf8(e.getKey());
      Value v = e.getValue();
      if (v.s() != null) {
        size += utf8(v.s());
      } else if (v.b() != null) {
        size += v.b().length;
      } else {
        String digits = new BigDecimal(v.n()).unscaledValue().abs().toString();
        size += (digits.length() + 1) / 2 + 1;
      }
    }
    return size;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String text(Map<String, Value> item, String name) {
    Value v = item.get(name);
    return v == null ? null : v.s();
  }

  private static double number(Map<String, Value> item, String name) {
    Value v = item.get(name);
    return v == null || v.n() == null ? Double.NaN : Double.parseDouble(v.n());
  }
}
