package io.cryptomargin.benchmarks;

import io.cryptomargin.function.store.RiskArrayCodec;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.riskarray.RiskArrayStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue #7, item 5: a risk array to and from its DynamoDB item with the function's own {@link
 * RiskArrayCodec} (SDK {@code AttributeValue}s, as written to and read from the table), and the
 * packed losses alone, against the peer a first implementation would write: the losses as a
 * DynamoDB List of Numbers (each the shortest exact decimal, as the codec writes its scalars). Each
 * operation codes all 2,310 arrays of {@link MarginUniverse}; scores are per array.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@OperationsPerInvocation(CodecBenchmark.ARRAYS)
public class CodecBenchmark {
  /** Arrays per operation: the whole margin universe. */
  static final int ARRAYS = 2_310;

  private static final Instant EXPIRES_AT = Instant.parse("2020-05-21T00:00:00Z");

  @Param({Models.SPAN_16, Models.CRYPTO_PM})
  public String model;

  private RiskArray[] arrays;
  private RiskArrayStore.Key[] keys;
  private Map<String, AttributeValue>[] items;
  private byte[][] packed;
  private AttributeValue[] numberLists;

  @Setup
  // Java has no generic array creation: the item array is made raw and used as Map<String,
  // AttributeValue>[].
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void setUp() {
    RiskArraySet set = MarginUniverse.deribitBtcAndSyntheticEth().arrays(Models.margin(model));
    List<RiskArray> all = List.copyOf(set.arrays().values());
    if (all.size() != ARRAYS) {
      throw new IllegalStateException("expected " + ARRAYS + " arrays, got " + all.size());
    }
    arrays = all.toArray(RiskArray[]::new);
    keys = new RiskArrayStore.Key[ARRAYS];
    items = new Map[ARRAYS];
    packed = new byte[ARRAYS][];
    numberLists = new AttributeValue[ARRAYS];
    for (int i = 0; i < ARRAYS; i++) {
      keys[i] = key(set, arrays[i]);
      items[i] = RiskArrayCodec.toItem(keys[i], arrays[i], EXPIRES_AT);
      packed[i] = RiskArrayCodec.encodeLosses(arrays[i].losses());
      numberLists[i] = numberList(arrays[i].losses());
    }
  }

  /** The peer's encoding: losses as a DynamoDB List of Numbers. */
  static AttributeValue numberList(double[] losses) {
    List<AttributeValue> numbers = new java.util.ArrayList<>(losses.length);
    for (double loss : losses) {
      numbers.add(AttributeValue.fromN(java.math.BigDecimal.valueOf(loss).toPlainString()));
    }
    return AttributeValue.fromL(numbers);
  }

  /** The peer's decoding: a List of Numbers back to losses. */
  static double[] fromNumberList(AttributeValue list) {
    List<AttributeValue> numbers = list.l();
    double[] losses = new double[numbers.size()];
    for (int i = 0; i < losses.length; i++) {
      losses[i] = Double.parseDouble(numbers.get(i).n());
    }
    return losses;
  }

  /**
   * Billed bytes of the peer's losses attribute value: DynamoDB's published rule for a List is 3
   * bytes plus, per element, 1 byte and the element's size; a Number's size is taken from the
   * codec's own rule ({@link RiskArrayCodec#itemSize} of a one-letter attribute, less its name).
   */
  static int numberListBytes(AttributeValue list) {
    int size = 3;
    for (AttributeValue number : list.l()) {
      size += 1 + RiskArrayCodec.itemSize(Map.of("n", number)) - 1;
    }
    return size;
  }

  /**
   * Mean billed bytes of the losses, packed (this project) and as a List of Numbers (the peer),
   * over a model's arrays.
   */
  public static double[] meanLossesBytes(String model) {
    RiskArraySet set = MarginUniverse.deribitBtcAndSyntheticEth().arrays(Models.margin(model));
    double packedBytes = 0;
    double listBytes = 0;
    for (RiskArray array : set.arrays().values()) {
      packedBytes += RiskArrayCodec.encodeLosses(array.losses()).length;
      listBytes += numberListBytes(numberList(array.losses()));
    }
    return new double[] {packedBytes / set.arrays().size(), listBytes / set.arrays().size()};
  }

  /** Mean billed item size over the universe's arrays under a model, bytes. */
  public static double meanItemBytes(String model) {
    RiskArraySet set = MarginUniverse.deribitBtcAndSyntheticEth().arrays(Models.margin(model));
    return set.arrays().values().stream()
        .mapToInt(a -> RiskArrayCodec.itemSize(RiskArrayCodec.toItem(key(set, a), a, EXPIRES_AT)))
        .average()
        .orElseThrow();
  }

  /**
   * The store key an array is written under: its underlying in the set's snapshot, scenario set and
   * version.
   */
  static RiskArrayStore.Key key(RiskArraySet set, RiskArray array) {
    return new RiskArrayStore.Key(
        array.underlying(), set.snapshotId(), set.scenarioSetId(), set.parameterVersion());
  }

  /** Array to item: packed losses plus every attribute. */
  @Benchmark
  public void encodeItem(Blackhole bh) {
    for (int i = 0; i < ARRAYS; i++) {
      bh.consume(RiskArrayCodec.toItem(keys[i], arrays[i], EXPIRES_AT));
    }
  }

  /** Item to array: unpacked losses, parsed numbers and expiry, a validated {@code RiskArray}. */
  @Benchmark
  public void decodeItem(Blackhole bh) {
    for (int i = 0; i < ARRAYS; i++) {
      bh.consume(RiskArrayCodec.fromItem(items[i]));
    }
  }

  /** The losses alone to packed little-endian bytes. */
  @Benchmark
  public void encodeLosses(Blackhole bh) {
    for (int i = 0; i < ARRAYS; i++) {
      bh.consume(RiskArrayCodec.encodeLosses(arrays[i].losses()));
    }
  }

  /** Packed bytes to losses alone. */
  @Benchmark
  public void decodeLosses(Blackhole bh) {
    for (int i = 0; i < ARRAYS; i++) {
      bh.consume(RiskArrayCodec.decodeLosses(packed[i]));
    }
  }

  /** Peer: the losses alone to a DynamoDB List of Numbers. */
  @Benchmark
  public void encodeLossesAsNumberList(Blackhole bh) {
    for (int i = 0; i < ARRAYS; i++) {
      bh.consume(numberList(arrays[i].losses()));
    }
  }

  /** Peer: a DynamoDB List of Numbers back to losses. */
  @Benchmark
  public void decodeLossesFromNumberList(Blackhole bh) {
    for (int i = 0; i < ARRAYS; i++) {
      bh.consume(fromNumberList(numberLists[i]));
    }
  }
}
