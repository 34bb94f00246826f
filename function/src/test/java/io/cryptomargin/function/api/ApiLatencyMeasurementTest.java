package io.cryptomargin.function.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.HandlerProfiles;
import io.cryptomargin.function.testing.MockLambda;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Measures the api handler's latency against DynamoDB Local and prints it (no time is asserted).
 * Each invocation goes through Quarkus's mock Lambda event server (RestAssured → mock server → the
 * Lambda poll loop → handler → response), so the figures include that local hop.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Api.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class ApiLatencyMeasurementTest {
  private static final int WARM_UP = 200;
  private static final int MEASURED = Integer.getInteger("measure.api.invocations", 1000);

  @Inject World world;

  @Test
  void measure_apiWarmLatency_printsMedianAndP99() {
    world.reset();
    world.recalculate("acct-7", 0);
    for (String sample :
        new String[] {
          "api-post-margin.json", "api-post-margin-account.json", "api-get-account-margin.json"
        }) {
      String event = World.text(sample);
      long firstStart = System.nanoTime();
      assertThat(MockLambda.invoke(event).path("statusCode").asInt()).isEqualTo(200);
      double firstMs = (System.nanoTime() - firstStart) / 1e6;
      for (int i = 0; i < WARM_UP; i++) {
        MockLambda.invoke(event);
      }
      double[] ms = new double[MEASURED];
      for (int i = 0; i < MEASURED; i++) {
        long start = System.nanoTime();
        MockLambda.invoke(event);
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(
          "MEASURE api %s: first call in this JVM's run %.1f ms; warm over %d invocations: median %.2f ms,"
              + " p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          sample,
          firstMs,
          MEASURED,
          ms[MEASURED / 2],
          ms[(int) (MEASURED * 0.90)],
          ms[(int) Math.ceil(MEASURED * 0.99) - 1],
          ms[MEASURED - 1]);
    }
  }
}
