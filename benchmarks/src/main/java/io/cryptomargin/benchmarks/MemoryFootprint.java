package io.cryptomargin.benchmarks;

import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jol.info.GraphLayout;

/**
 * Issue #7, item 6: the heap a cache of risk arrays takes. Two independent measures:
 *
 * <ul>
 *   <li><b>JOL</b> ({@link GraphLayout}): the exact retained size of the object graph on this JVM
 *       (compressed oops and object alignment included), walking every reachable object.
 *   <li><b>MemoryMXBean</b>: heap used after full GCs, before and after building and holding {@link
 *       #HELD_COPIES} copies of the snapshot's arrays, divided by the copies. A cross-check on JOL
 *       that also sees what the JVM really allocated; it is noisier.
 * </ul>
 *
 * <p>Per instrument = the whole set's retained size ÷ instruments, so strings and objects the set
 * shares (scenario labels, the underlying's name) are spread over its instruments.
 *
 * @param universe the universe measured
 * @param scenarioSet the scenario set id
 * @param instruments arrays in the set
 * @param scenarios losses per array
 * @param oneArrayBytes JOL retained size of one array alone (its first instrument)
 * @param setBytes JOL retained size of the whole {@link RiskArraySet}
 * @param heapBytesPerSet heap growth per held set by MemoryMXBean
 */
public record MemoryFootprint(
    String universe,
    String scenarioSet,
    int instruments,
    int scenarios,
    long oneArrayBytes,
    long setBytes,
    long heapBytesPerSet) {
  /** How many copies of a set the MemoryMXBean measure holds at once, to rise above GC noise. */
  public static final int HELD_COPIES = 20;

  static {
    // Unsafe.objectFieldOffset refuses record classes (RiskArray is one) since JDK 17; this makes
    // JOL find field offsets its other way. Must be set before JOL first looks at the VM.
    if (System.getProperty("jol.magicFieldOffset") == null) {
      System.setProperty("jol.magicFieldOffset", "true");
    }
  }

  /** Measures the arrays of a universe under a scenario set. */
  public static MemoryFootprint measure(OptionUniverse universe, ScenarioSetDefinition definition) {
    RiskArraySet set =
        RiskArrayCalculator.compute(universe.snapshot(), universe.options(), definition);
    RiskArray first = set.arrays().values().iterator().next();
    long oneArray = GraphLayout.parseInstance(first).totalSize();
    long wholeSet = GraphLayout.parseInstance(set).totalSize();
    return new MemoryFootprint(
        universe.name(),
        definition.id(),
        set.arrays().size(),
        set.scenarioCount(),
        oneArray,
        wholeSet,
        heapGrowthPerSet(universe, definition));
  }

  /** Retained bytes per cached instrument (JOL). */
  public double bytesPerInstrument() {
    return (double) setBytes / instruments;
  }

  private static long heapGrowthPerSet(OptionUniverse universe, ScenarioSetDefinition definition) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<RiskArraySet> held = new ArrayList<>(HELD_COPIES);
    long before = usedAfterGc(memory);
    for (int i = 0; i < HELD_COPIES; i++) {
      held.add(RiskArrayCalculator.compute(universe.snapshot(), universe.options(), definition));
    }
    long after = usedAfterGc(memory);
    // The sets must still be reachable at the second reading, or the GC would have taken them.
    Reference.reachabilityFence(held);
    return (after - before) / HELD_COPIES;
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
