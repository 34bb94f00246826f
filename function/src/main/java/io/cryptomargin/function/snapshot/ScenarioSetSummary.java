package io.cryptomargin.function.snapshot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * What was stored for one scenario set of a snapshot.
 *
 * @param scenarioSetId e.g. {@code span-16}
 * @param parameterVersion version of the scenario parameters
 * @param scenarioCount scenarios per array
 * @param arrayCount arrays written
 * @param arraysByUnderlying arrays written per coin
 * @param lossesBytesPerArray bytes of one array's packed losses (8 per scenario)
 * @param pointerMoved whether this snapshot is now current; false when a later one already was
 */
@RegisterForReflection
public record ScenarioSetSummary(
    String scenarioSetId,
    String parameterVersion,
    int scenarioCount,
    int arrayCount,
    Map<String, Integer> arraysByUnderlying,
    int lossesBytesPerArray,
    boolean pointerMoved) {}
