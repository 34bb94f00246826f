package io.cryptomargin.function.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * One Quarkus test profile per handler: the mock event server then invokes that handler, as Lambda
 * would.
 */
public final class HandlerProfiles {
  private HandlerProfiles() {}

  public static class Positions implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "positions");
    }
  }

  public static class Recalc implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "recalc");
    }
  }

  public static class Api implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "api");
    }
  }

  /** The api handler with one admin principal ({@value #ADMIN}). */
  public static class ApiWithAdmin implements QuarkusTestProfile {
    public static final String ADMIN = "arn:aws:iam::123456789012:role/margin-ops";

    /**
     * How a caller that assumed {@link #ADMIN} arrives: as a session of the role, not as the role
     * ARN.
     */
    public static final String ADMIN_SESSION =
        "arn:aws:sts::123456789012:assumed-role/margin-ops/ops-desk";

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.lambda.handler",
          "api",
          "cm.api.admin-principals",
          "arn:aws:iam::123456789012:user/nobody," + ADMIN);
    }
  }

  /**
   * The api handler on a margin that throws {@link Error}s for marked books ({@link
   * ErrorThrowingMargin}).
   */
  public static class ApiWithErrors implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "api");
    }

    @Override
    public java.util.Set<Class<?>> getEnabledAlternatives() {
      return java.util.Set.of(ErrorThrowingMargin.class);
    }
  }
}
