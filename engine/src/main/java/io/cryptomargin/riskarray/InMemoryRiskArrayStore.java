package io.cryptomargin.riskarray;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe in-memory {@link RiskArrayStore}, for tests, notebooks and one-process runs. */
public final class InMemoryRiskArrayStore implements RiskArrayStore {
  private final Map<Key, Map<String, RiskArray>> byKey = new ConcurrentHashMap<>();

  @Override
  public void putAll(Key key, Collection<RiskArray> arrays) {
    Map<String, RiskArray> batch = new LinkedHashMap<>();
    for (RiskArray array : arrays) {
      batch.put(array.instrument(), array);
    }
    byKey.merge(
        key,
        new ConcurrentHashMap<>(batch),
        (old, added) -> {
          Map<String, RiskArray> merged = new ConcurrentHashMap<>(old);
          merged.putAll(added);
          return merged;
        });
  }

  @Override
  public Map<String, RiskArray> getAll(Key key, Collection<String> instruments) {
    Map<String, RiskArray> stored = byKey.getOrDefault(key, Map.of());
    Map<String, RiskArray> found = new LinkedHashMap<>();
    for (String name : instruments) {
      RiskArray array = stored.get(name);
      if (array != null) {
        found.put(name, array);
      }
    }
    return found;
  }
}
