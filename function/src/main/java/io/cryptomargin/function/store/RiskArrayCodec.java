package io.cryptomargin.function.store;

import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayStore;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A risk array as a DynamoDB item, and its losses as packed bytes.
 *
 * <p>Losses are stored as IEEE-754 doubles, little-endian, one after the other, in a Binary
 * attribute: 8 bytes per scenario, exact, and a fraction of the size of a list of Numbers (which
 * DynamoDB stores as decimal text plus per-element overhead). The scalars stay Numbers so an item
 * can be read in the console; an unknown (NaN) value or underlying price, which a DynamoDB Number
 * cannot hold, is stored by leaving its attribute out.
 */
public final class RiskArrayCodec {
  /** Partition key attribute (S). */
  public static final String PK = "pk";

  /** Sort key attribute (S): the instrument name for arrays. */
  public static final String SK = "sk";

  /** TTL attribute, epoch seconds (N). */
  public static final String EXPIRES_AT = "expiresAt";

  static final String UNDERLYING = "underlying";
  static final String SETTLEMENT_CURRENCY = "settlementCurrency";
  static final String EXPIRY = "expiry";
  static final String KIND = "kind";
  static final String PUT_CALL = "putCall";
  static final String LOSSES = "losses";
  static final String COMPOSITE_DELTA = "compositeDelta";
  static final String VALUE = "value";
  static final String UNDERLYING_PRICE = "underlyingPrice";
  static final String CONTRACT_SIZE = "contractSize";

  private static final int BYTES_PER_LOSS = Double.BYTES;

  private RiskArrayCodec() {}

  /**
   * The partition key of a set of arrays: {@code
   * underlying#snapshotId#scenarioSetId#parameterVersion}.
   */
  public static String partitionKey(RiskArrayStore.Key key) {
    return key.underlying()
        + "#"
        + key.snapshotId()
        + "#"
        + key.scenarioSetId()
        + "#"
        + key.parameterVersion();
  }

  /** Losses as packed little-endian doubles, 8 bytes each. */
  public static byte[] encodeLosses(double[] losses) {
    ByteBuffer buffer =
        ByteBuffer.allocate(losses.length * BYTES_PER_LOSS).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(losses);
    return buffer.array();
  }

  /**
   * Losses from packed little-endian doubles.
   *
   * @throws ValidationException when the length is not a whole number of doubles
   */
  public static double[] decodeLosses(byte[] packed) {
    if (packed.length == 0 || packed.length % BYTES_PER_LOSS != 0) {
      throw ValidationException.of(
          LOSSES,
          "packed losses must be a non-empty multiple of "
              + BYTES_PER_LOSS
              + " bytes, were "
              + packed.length);
    }
    double[] losses = new double[packed.length / BYTES_PER_LOSS];
    ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(losses);
    return losses;
  }

  /**
   * The item of an array.
   *
   * @param expiresAt when DynamoDB's TTL may delete it
   */
  public static Map<String, AttributeValue> toItem(
      RiskArrayStore.Key key, RiskArray array, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(partitionKey(key)));
    item.put(SK, s(array.instrument()));
    item.put(UNDERLYING, s(array.underlying()));
    item.put(SETTLEMENT_CURRENCY, s(array.settlementCurrency()));
    if (array.expiry() != null) {
      item.put(EXPIRY, s(array.expiry().toString()));
    }
    if (array.kind() != null) {
      item.put(KIND, s(array.kind().name()));
    }
    if (array.putCall() != null) {
      item.put(PUT_CALL, s(array.putCall().name()));
    }
    item.put(
        LOSSES, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(encodeLosses(array.losses()))));
    item.put(COMPOSITE_DELTA, n(array.compositeDelta()));
    if (!Double.isNaN(array.value())) {
      item.put(VALUE, n(array.value()));
    }
    if (!Double.isNaN(array.underlyingPrice())) {
      item.put(UNDERLYING_PRICE, n(array.underlyingPrice()));
    }
    if (array.contractSize() != 1.0) {
      item.put(CONTRACT_SIZE, n(array.contractSize()));
    }
    item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    return item;
  }

  /**
   * The array of an item.
   *
   * @throws ValidationException naming the item and every attribute that is missing or malformed
   */
  public static RiskArray fromItem(Map<String, AttributeValue> item) {
    String instrument = text(item, SK);
    try {
      return new RiskArray(
          instrument,
          text(item, UNDERLYING),
          text(item, SETTLEMENT_CURRENCY),
          item.containsKey(EXPIRY) ? Instant.parse(text(item, EXPIRY)) : null,
          item.containsKey(KIND) ? InstrumentKind.valueOf(text(item, KIND)) : null,
          item.containsKey(PUT_CALL) ? PutCall.valueOf(text(item, PUT_CALL)) : null,
          decodeLosses(item.get(LOSSES) == null ? new byte[0] : item.get(LOSSES).b().asByteArray()),
          number(item, COMPOSITE_DELTA),
          number(item, VALUE),
          number(item, UNDERLYING_PRICE),
          item.containsKey(CONTRACT_SIZE) ? number(item, CONTRACT_SIZE) : 1.0);
    } catch (ValidationException e) {
      // Name the stored item, so a corrupt one can be found and deleted.
      new Problems()
          .addAll("riskArrayItem[" + text(item, PK) + "/" + instrument + "]", e)
          .throwIfAny();
      throw e;
    }
  }

  /**
   * Bytes the packed losses of an array of {@code scenarioCount} scenarios take: 8 per scenario.
   */
  public static int encodedLossesSize(int scenarioCount) {
    return scenarioCount * BYTES_PER_LOSS;
  }

  /**
   * The size DynamoDB bills an item at, in bytes: attribute names (UTF-8) plus values, strings in
   * UTF-8, binaries as they are, numbers at about one byte per two significant digits plus one,
   * booleans and nulls one, lists and maps three plus one per element plus the elements (a map's
   * element with its name), sets the sum of their members. An estimate from AWS's published rules
   * ("DynamoDB item sizes and formats"), good enough to size capacity.
   */
  public static int itemSize(Map<String, AttributeValue> item) {
    int size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8(e.getKey()) + valueSize(e.getValue());
    }
    return size;
  }

  private static int valueSize(AttributeValue v) {
    if (v.s() != null) {
      return utf8(v.s());
    }
    if (v.b() != null) {
      return v.b().asByteArray().length;
    }
    if (v.n() != null) {
      return numberSize(v.n());
    }
    if (v.hasM()) {
      int size = 3;
      for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
        size += 1 + utf8(e.getKey()) + valueSize(e.getValue());
      }
      return size;
    }
    if (v.hasL()) {
      int size = 3;
      for (AttributeValue element : v.l()) {
        size += 1 + valueSize(element);
      }
      return size;
    }
    if (v.hasSs()) {
      return v.ss().stream().mapToInt(RiskArrayCodec::utf8).sum();
    }
    if (v.hasNs()) {
      return v.ns().stream().mapToInt(RiskArrayCodec::numberSize).sum();
    }
    if (v.hasBs()) {
      return v.bs().stream().mapToInt(b -> b.asByteArray().length).sum();
    }
    return v.bool() != null || Boolean.TRUE.equals(v.nul()) ? 1 : 0;
  }

  private static int numberSize(String number) {
    String digits = new BigDecimal(number).unscaledValue().abs().toString();
    return (digits.length() + 1) / 2 + 1;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  // Plain decimal text of the shortest exact representation: it round-trips every finite double.
  private static AttributeValue n(double value) {
    return AttributeValue.fromN(BigDecimal.valueOf(value).toPlainString());
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static double number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? Double.NaN : Double.parseDouble(v.n());
  }
}
