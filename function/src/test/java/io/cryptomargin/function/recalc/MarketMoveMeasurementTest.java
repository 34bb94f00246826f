package io.cryptomargin.function.recalc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.config.DynamoDbRequestCounter;
import io.cryptomargin.function.config.DynamoDbRequestCounter.Counts;
import io.cryptomargin.function.config.FunctionConfig;
import io.cryptomargin.function.config.ScenarioSetCatalog;
import io.cryptomargin.function.snapshot.RiskArrayPublisher;
import io.cryptomargin.function.snapshot.ScenarioSetSummary;
import io.cryptomargin.function.snapshot.SnapshotEvent;
import io.cryptomargin.function.snapshot.SnapshotHandler;
import io.cryptomargin.function.snapshot.SnapshotRun;
import io.cryptomargin.function.snapshot.SnapshotSource;
import io.cryptomargin.function.store.BatchRetryPolicy;
import io.cryptomargin.function.store.DynamoDbRiskArrayStore;
import io.cryptomargin.function.store.RiskArrayCodec;
import io.cryptomargin.function.store.SnapshotPointerStore;
import io.cryptomargin.function.store.SnapshotStore;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.HandlerProfiles;
import io.cryptomargin.function.testing.LambdaEvents;
import io.cryptomargin.function.testing.MockLambda;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A market move measured end to end, by stage, on DynamoDB Local: N accounts of 20 legs are seeded
 * (setup, not timed), then a new snapshot (the sample market moved up 2 % a minute later, arraying
 * every instrument the books hold) is published and each stage is timed with the DynamoDB requests
 * it sent:
 *
 * <ol>
 *   <li>snapshot read and parsed, risk arrays computed, risk arrays (and the snapshot) cached,
 *       pointers moved, accounts fanned out: one call of the real snapshot handler, invoked as a
 *       bean since the mock event server serves one handler per application and this one's is
 *       {@code recalc}. Its stages follow each other inside that call, so their boundaries are the
 *       first request of the array store and of the pointer store and the end of the pointer
 *       store's last request (each store is the function's own class, on a client that notes those
 *       instants and forwards every call to the function's DynamoDB client); the compute time is
 *       the handler's own {@code computeMillis}. The fan-out sends to the recording stand-in of
 *       SQS, so SendMessageBatch's own latency is not in its time;
 *   <li>every account re-margined and stored: every fan-out message through the recalc handler via
 *       the mock event server, as SQS would deliver them (events of 10 messages of {@code
 *       cm.margin.recalc-batch-size} accounts, the infra's event source batch size), one event
 *       after the other: one function instance.
 * </ol>
 *
 * <p>The total runs from the snapshot event to the last result stored; it includes turning the
 * queued messages into SQS events, a few milliseconds that stand for SQS's own delivery.
 *
 * <p>Requests are counted by the function's {@link DynamoDbRequestCounter} (every HTTP attempt).
 * The table is printed; what is asserted is that every stage ran and every account holds a result
 * of the new snapshot, never a time. {@code -Dmeasure.market-move.accounts=10000} for the full run
 * (see benchmarks/README.md); {@value #DEFAULT_ACCOUNTS} by default to keep {@code verify} short.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Recalc.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class MarketMoveMeasurementTest {
  private static final int DEFAULT_ACCOUNTS = 400;
  private static final int LEGS = 20;

  /** The infra's SQS event source batch size (MarginFunctions: batchSize 10). */
  private static final int MESSAGES_PER_SQS_EVENT = 10;

  private static final String MOVED_SNAPSHOT_ID = "deribit-2020-05-14T05:45Z";
  private static final double MARKET_MOVE = 1.02;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject World world;
  @Inject DynamoDbRequestCounter counter;
  @Inject DynamoDbClient dynamoDb;
  @Inject ObjectMapper mapper;
  @Inject FunctionConfig config;
  @Inject ScenarioSetCatalog catalog;
  @Inject SnapshotStore snapshots;
  @Inject SnapshotSource files;
  @Inject AccountFanOut fanOut;
  @Inject Clock clock;

  @Test
  void marketMove_seededAccounts_everyStageRunsAndEveryAccountStoresTheNewSnapshotsResult()
      throws IOException {
    int seeded = Integer.getInteger("measure.market-move.accounts", DEFAULT_ACCOUNTS);
    world.reset(); // the sample accounts, and the sample snapshot current: the market before
    world.seedMany(seeded, LEGS, 42);
    int accounts = seeded + World.read("seed/tables.json").path("accounts").size();

    StageClock arraysClock = new StageClock(dynamoDb, counter);
    StageClock pointersClock = new StageClock(dynamoDb, counter);
    SnapshotHandler snapshotHandler = snapshotHandler(arraysClock, pointersClock);
    SnapshotEvent move = LambdaEvents.as(movedMarket(), SnapshotEvent.class);

    Mark start = Mark.now(counter);
    SnapshotRun run = snapshotHandler.handleRequest(move, null);
    Mark snapshotEnd = Mark.now(counter);
    List<String> sqsEvents = world.recalcEvents(MESSAGES_PER_SQS_EVENT);
    Mark recalcStart = Mark.now(counter);
    long functionCpuStart = functionCpuNanos();
    long processCpuStart = processCpuNanos();
    int failures = 0;
    for (String event : sqsEvents) {
      failures += MockLambda.invoke(event).path("batchItemFailures").size();
    }
    Mark end = Mark.now(counter);
    long functionCpu = functionCpuNanos() - functionCpuStart;
    long processCpu = processCpuNanos() - processCpuStart;

    long computeNanos = run.snapshots().get(0).computeMillis() * 1_000_000L;
    Mark arraysStart = arraysClock.first();
    Mark pointersStart = pointersClock.first();
    Mark pointersEnd = pointersClock.last();
    List<Stage> stages =
        List.of(
            Stage.between(
                "snapshot read and parsed",
                start,
                arraysStart,
                -computeNanos,
                false), // the compute time is the handler's own figure, taken out here
            new Stage("risk arrays computed (engine)", computeNanos, new Counts(Map.of()), false),
            Stage.between("risk arrays and snapshot cached", arraysStart, pointersStart, 0, false),
            Stage.between("pointers moved", pointersStart, pointersEnd, 0, false),
            Stage.between("fan-out (accounts scan, messages)", pointersEnd, snapshotEnd, 0, true),
            Stage.between("accounts re-margined and stored", recalcStart, end, 0, true));
    print(stages, Stage.between("total", start, end, 0, true), accounts, sqsEvents.size());
    System.out.printf(
        "MEASURE CPU while re-margining: %.2f ms per account on the function's threads (the recalc"
            + " pool and the Lambda poll loop), %.2f ms per account in the whole process (DynamoDB"
            + " Local, JIT and GC included)%n",
        functionCpu / 1e6 / accounts, processCpu / 1e6 / accounts);
    System.out.println(itemSizes("load-000000"));

    assertThat(run.snapshots().get(0).scenarioSets()).allMatch(ScenarioSetSummary::pointerMoved);
    assertThat(run.recalc())
        .singleElement()
        .extracting(AccountFanOut.FanOut::accounts)
        .isEqualTo((long) accounts);
    assertThat(arraysStart.requests().total()).isLessThan(arraysClock.last().requests().total());
    assertThat(pointersStart.requests().total()).isLessThan(pointersEnd.requests().total());
    assertThat(sqsEvents).isNotEmpty();
    assertThat(failures).isZero();
    assertThat(resultsBySnapshot()).containsExactly(Map.entry(MOVED_SNAPSHOT_ID, accounts));
  }

  /** The snapshot handler of the function, its array and pointer stores on stage clocks. */
  private SnapshotHandler snapshotHandler(StageClock arraysClock, StageClock pointersClock) {
    DynamoDbRiskArrayStore arrays =
        new DynamoDbRiskArrayStore(
            arraysClock.client(),
            config.tables().riskArrays(),
            config.riskArrays().timeToLive(),
            new BatchRetryPolicy(
                config.riskArrays().batchAttempts(), config.riskArrays().batchRetryBaseDelay()),
            clock);
    SnapshotPointerStore pointers =
        new SnapshotPointerStore(pointersClock.client(), config.tables().riskArrays(), clock);
    return new SnapshotHandler(
        mapper,
        config,
        files,
        new RiskArrayPublisher(catalog, arrays, pointers, config, clock, snapshots),
        fanOut);
  }

  /**
   * The sample snapshot event a minute later with every index, forward and mark forward 2 % up,
   * arraying every instrument the seeded books draw from: a market move to a snapshot that is not
   * current yet.
   */
  private static JsonNode movedMarket() {
    ObjectNode event = World.read("snapshot-eventbridge.json").deepCopy();
    ObjectNode snapshot = (ObjectNode) event.path("detail").path("snapshot");
    snapshot.put("id", MOVED_SNAPSHOT_ID);
    snapshot.put("asOf", "2020-05-14T05:45:00Z");
    snapshot
        .path("underlyings")
        .forEach(
            underlying -> {
              ObjectNode u = (ObjectNode) underlying;
              u.put("index", u.path("index").asDouble() * MARKET_MOVE);
              ObjectNode forwards = (ObjectNode) u.path("forwards");
              forwards
                  .fieldNames()
                  .forEachRemaining(
                      date -> forwards.put(date, forwards.path(date).asDouble() * MARKET_MOVE));
            });
    snapshot
        .path("marks")
        .forEach(
            mark -> {
              if (mark.has("forward")) {
                ((ObjectNode) mark).put("forward", mark.path("forward").asDouble() * MARKET_MOVE);
              }
            });
    Set<String> instruments = new LinkedHashSet<>();
    snapshot.path("instruments").forEach(name -> instruments.add(name.asText()));
    instruments.addAll(World.measurementInstruments());
    ArrayNode names = snapshot.putArray("instruments");
    instruments.forEach(names::add);
    return event;
  }

  /**
   * What one account's items weigh by DynamoDB's sizing rules ({@link RiskArrayCodec#itemSize}):
   * its positions, its accounts item, and the stored results of all accounts. Capacity units follow
   * from these sizes (reads in 4 KB, writes in 1 KB units).
   */
  private String itemSizes(String account) {
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(account));
    List<Map<String, AttributeValue>> positions =
        dynamoDb
            .query(
                b ->
                    b.tableName(DynamoDbLocalResource.POSITIONS)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", key.get("pk"))))
            .items();
    long accountBytes =
        RiskArrayCodec.itemSize(
            dynamoDb.getItem(b -> b.tableName(DynamoDbLocalResource.ACCOUNTS).key(key)).item());
    long[] results = {0, 0, 0}; // count, total bytes, largest
    world.forEachItem(
        DynamoDbLocalResource.MARGIN_RESULTS,
        item -> {
          long bytes = RiskArrayCodec.itemSize(item);
          results[0]++;
          results[1] += bytes;
          results[2] = Math.max(results[2], bytes);
        });
    return String.format(
        "MEASURE item sizes (DynamoDB's rules): %s's %d position items %,d B in all, its accounts item %,d B;"
            + " margin result items %,d B on average, %,d B the largest",
        account,
        positions.size(),
        positions.stream().mapToLong(RiskArrayCodec::itemSize).sum(),
        accountBytes,
        results[1] / Math.max(1, results[0]),
        results[2]);
  }

  /**
   * CPU time so far of the threads that do the function's work while it re-margins: the {@code
   * recalc} pool of {@code AccountRecalculator} and the Lambda poll loop that runs the handler (its
   * DynamoDB calls included: the SDK's HTTP client runs on the calling thread), ns.
   */
  private static long functionCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (thread != null
          && (thread.getThreadName().equals("recalc")
              || thread.getThreadName().startsWith("Lambda Thread"))) {
        total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
      }
    }
    return total;
  }

  /** CPU time so far of the whole test JVM, DynamoDB Local's threads included, ns. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Stored margin results, counted by the snapshot they were computed on. */
  private Map<String, Integer> resultsBySnapshot() {
    Map<String, Integer> counts = new TreeMap<>();
    world.forEachItem(
        DynamoDbLocalResource.MARGIN_RESULTS,
        item -> counts.merge(item.get("snapshotId").s(), 1, Integer::sum));
    return counts;
  }

  private static void print(List<Stage> stages, Stage total, int accounts, int sqsEvents)
      throws IOException {
    Path loadAverage = Path.of("/proc/loadavg");
    String load =
        Files.isReadable(loadAverage)
            ? String.join(" ", List.of(Files.readString(loadAverage).split(" ")).subList(0, 3))
            : "n/a";
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "MEASURE market move: %,d accounts x %d legs, %d recalc SQS events; DynamoDB Local in-process;"
                + " %d cores, load average %s%n",
            accounts, LEGS, sqsEvents, Runtime.getRuntime().availableProcessors(), load));
    table.append(
        String.format(
            "| %-34s | %10s | %6s | %s | %12s | %10s |%n",
            "stage",
            "wall ms",
            "share",
            "DynamoDB requests by operation",
            "req./account",
            "accounts/s"));
    table.append(
        String.format(
            "|%s|%s|%s|%s|%s|%s|%n",
            "-".repeat(36),
            "-".repeat(12),
            "-".repeat(8),
            "-".repeat(32),
            "-".repeat(14),
            "-".repeat(12)));
    List<Stage> rows = new ArrayList<>(stages);
    rows.add(total);
    for (Stage stage : rows) {
      table.append(
          String.format(
              "| %-34s | %,10.1f | %5.1f%% | %s | %12.2f | %10s |%n",
              stage.name(),
              stage.nanos() / 1e6,
              100.0 * stage.nanos() / total.nanos(),
              stage.requests().total() == 0
                  ? "-"
                  : stage.requests().total() + " (" + stage.requests() + ")",
              (double) stage.requests().total() / accounts,
              stage.perAccount() ? String.format("%,.0f", accounts / (stage.nanos() / 1e9)) : "-"));
    }
    System.out.print(table);
  }

  /** An instant of the run, with the DynamoDB requests sent until then. */
  record Mark(long nanos, Counts requests) {
    static Mark now(DynamoDbRequestCounter counter) {
      return new Mark(System.nanoTime(), counter.snapshot());
    }
  }

  /**
   * One stage: its wall time, requests, and whether its work grows with the accounts.
   *
   * @param nanos wall time, ns
   * @param perAccount whether accounts per second means something for it
   */
  record Stage(String name, long nanos, Counts requests, boolean perAccount) {
    static Stage between(String name, Mark from, Mark to, long adjustNanos, boolean perAccount) {
      return new Stage(
          name,
          to.nanos() - from.nanos() + adjustNanos,
          to.requests().since(from.requests()),
          perAccount);
    }
  }

  /**
   * Notes the first call made through a client and the end of its last one, with the counter's
   * requests at those instants; forwards every call to the function's DynamoDB client. The stages
   * it marks run one after the other on one thread.
   */
  static final class StageClock implements InvocationHandler {
    private final DynamoDbClient delegate;
    private final DynamoDbRequestCounter counter;
    private Mark first;
    private Mark last;

    StageClock(DynamoDbClient delegate, DynamoDbRequestCounter counter) {
      this.delegate = delegate;
      this.counter = counter;
    }

    DynamoDbClient client() {
      return (DynamoDbClient)
          Proxy.newProxyInstance(
              DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(this, args);
      }
      if (first == null) {
        first = Mark.now(counter);
      }
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        last = Mark.now(counter);
      }
    }

    Mark first() {
      assertThat(first).as("a request through this client").isNotNull();
      return first;
    }

    Mark last() {
      assertThat(last).as("a request through this client").isNotNull();
      return last;
    }
  }
}
