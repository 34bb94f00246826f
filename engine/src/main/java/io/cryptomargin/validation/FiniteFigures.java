package io.cryptomargin.validation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The last check before a result leaves the engine (printed, written or stored): every figure in it
 * is a finite number. Input ranges ({@link InputRange}) keep the computations far from overflow;
 * this guard is what makes "never a NaN, infinite or null figure, never HEALTHY over one" hold even
 * if a computation still produces one: the result is refused, with the path of each bad figure,
 * instead of being shown with {@code NaN}, {@code n/a} or {@code null} in it.
 *
 * <p>It walks a result's record components, lists, maps, optionals and arrays. A few figures are
 * documented as NaN when unknown (the value of a contract a supplied risk array does not price, a
 * capital efficiency gain when the rules-based model consumes nothing): those, named in {@link
 * #UNKNOWN_ALLOWED}, may be NaN but never infinite.
 */
public final class FiniteFigures {
  /**
   * Record components whose NaN means "unknown" by their own documentation; they are never
   * infinite. Every other figure must be finite.
   */
  public static final Set<String> UNKNOWN_ALLOWED =
      Set.of("value", "underlyingPrice", "capitalEfficiencyGain");

  private FiniteFigures() {}

  /**
   * Throws unless every figure of a result is finite.
   *
   * @param name how the error names the result (e.g. {@code result})
   * @throws ValidationException listing each figure that is not finite, with its path
   */
  public static <T> T require(String name, T result) {
    Problems problems = new Problems();
    walk(name, null, result, problems, new IdentityHashMap<>());
    problems.throwIfAny();
    return result;
  }

  private static void walk(
      String path,
      String component,
      Object value,
      Problems problems,
      IdentityHashMap<Object, Boolean> seen) {
    if (value == null) {
      return;
    }
    if (value instanceof Double d) {
      figure(path, component, d, problems);
      return;
    }
    if (value instanceof Float f) {
      figure(path, component, f, problems);
      return;
    }
    if (value instanceof double[] array) {
      for (int i = 0; i < array.length; i++) {
        figure(path + "[" + i + "]", component, array[i], problems);
      }
      return;
    }
    if (value instanceof OptionalDouble optional) {
      if (optional.isPresent()) {
        figure(path, component, optional.getAsDouble(), problems);
      }
      return;
    }
    if (value instanceof Optional<?> optional) {
      optional.ifPresent(v -> walk(path, component, v, problems, seen));
      return;
    }
    if (seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Collection<?> collection) {
      int i = 0;
      for (Object element : collection) {
        walk(path + "[" + i++ + "]", component, element, problems, seen);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(path + "." + k, component, v, problems, seen));
    } else if (value instanceof Object[] array) {
      for (int i = 0; i < array.length; i++) {
        walk(path + "[" + i + "]", component, array[i], problems, seen);
      }
    } else if (value.getClass().isRecord()) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        walk(path + "." + c.getName(), c.getName(), read(c, value), problems, seen);
      }
    }
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      component.getAccessor().setAccessible(true);
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      // A component that cannot be read holds no figure this guard could check.
      return null;
    }
  }

  private static void figure(String path, String component, double x, Problems problems) {
    if (Double.isFinite(x)
        || (Double.isNaN(x) && component != null && UNKNOWN_ALLOWED.contains(component))) {
      return;
    }
    problems.add(
        path,
        "is "
            + (Double.isNaN(x) ? "not a number (NaN)" : "infinite")
            + ": an input is too large or too small to compute with; check the inputs' figures");
  }
}
