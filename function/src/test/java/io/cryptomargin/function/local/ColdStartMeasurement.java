package io.cryptomargin.function.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the packaged function as the {@code api} handler, on this machine. The parent
 * prepares DynamoDB Local as {@link LocalReplay} does (snapshot published, accounts seeded), then
 * starts a fresh JVM on {@code target/*-runner.jar} (+ {@code target/lib}: the content of
 * function.zip) with the contract's environment and Lambda java21's JVM flags ({@code
 * -XX:+TieredCompilation -XX:TieredStopAtLevel=1}). In it, {@link Child} does what the Lambda Java
 * runtime does: constructs the configured handler class {@link QuarkusStreamHandler} (which boots
 * Quarkus) and calls {@code handleRequest} with {@code events/api-post-margin.json}. Printed
 * (nothing asserted): JVM start → handler ready, the first invocation, the warm ones.
 *
 * <p>Run after {@code ./mvnw -pl function package}: {@code ./mvnw -q -pl function
 * exec:java@cold-start}. Not Lambda: no SnapStart, no Firecracker, a shared 2-core machine; an
 * order of magnitude only.
 */
public final class ColdStartMeasurement {
  private ColdStartMeasurement() {}

  public static void main(String[] args) throws Exception {
    Path events = Path.of(args.length > 0 ? args[0] : "../events").toAbsolutePath().normalize();
    Path jar =
        Path.of(
                args.length > 1
                    ? args[1]
                    : "target/cryptomargin-function-0.1.0-SNAPSHOT-runner.jar")
            .toAbsolutePath();
    int status = 0;
    try {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar + " does not exist: run ./mvnw -pl function package first");
      }
      Map<String, String> config = LocalReplay.prepare(events);
      String testClasses =
          Path.of(Child.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:+TieredCompilation",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  jar + java.io.File.pathSeparator + testClasses,
                  Child.class.getName(),
                  events.resolve("api-post-margin.json").toString(),
                  "50")
              .redirectErrorStream(true)
              .redirectOutput(jar.getParent().resolve("cold-start-function.log").toFile());
      Map<String, String> env = builder.environment();
      env.put("QUARKUS_LAMBDA_HANDLER", "api");
      env.put("CM_STAGE", "local");
      env.put("CM_RISK_ARRAYS_TABLE", config.get("cm.tables.risk-arrays"));
      env.put("CM_POSITIONS_TABLE", config.get("cm.tables.positions"));
      env.put("CM_MARGIN_RESULTS_TABLE", config.get("cm.tables.margin-results"));
      env.put("CM_ACCOUNTS_TABLE", config.get("cm.tables.accounts"));
      env.put("CM_EVENT_BUS", "local-bus");
      env.put("CM_SNAPSHOT_BUCKET", config.get("cm.snapshot-bucket"));
      env.put("CM_RECALC_QUEUE_URL", "http://127.0.0.1:1/queue/local-recalc");
      env.put("CM_AWS_ENDPOINT_OVERRIDE", config.get("cm.aws.endpoint-override"));
      env.put("CM_AWS_REGION", "eu-west-1");
      Process child = builder.start();
      if (!child.waitFor(180, TimeUnit.SECONDS) || child.exitValue() != 0) {
        child.destroy();
        throw new IllegalStateException(
            "the function JVM failed: see " + jar.getParent().resolve("cold-start-function.log"));
      }
      Files.readAllLines(jar.getParent().resolve("cold-start-function.log")).stream()
          .filter(line -> line.startsWith("MEASURE"))
          .forEach(System.out::println);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /** The function's JVM: the Lambda Java runtime's part, played by hand. */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) throws Exception {
      long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
      byte[] event = Files.readAllBytes(Path.of(args[0]));
      int warm = Integer.parseInt(args[1]);
      long beforeInit = System.currentTimeMillis();
      QuarkusStreamHandler handler = new QuarkusStreamHandler();
      long ready = System.currentTimeMillis();
      double first = invoke(handler, event, true);
      double[] warmMs = new double[warm];
      for (int i = 0; i < warm; i++) {
        warmMs[i] = invoke(handler, event, false);
      }
      Arrays.sort(warmMs);
      System.out.printf(
          "MEASURE cold start (packaged function, handler api, java -XX:TieredStopAtLevel=1 as Lambda"
              + " java21, DynamoDB Local): JVM start -> handler class constructed (Quarkus booted) %d ms (of which the"
              + " constructor %d ms); first invocation %.0f ms; JVM start -> first answer %d ms; then %d warm invocations"
              + " in the same JVM: median %.1f ms, max %.1f ms%n",
          ready - jvmStart,
          ready - beforeInit,
          first,
          System.currentTimeMillis() - jvmStart - Math.round(Arrays.stream(warmMs).sum()),
          warm,
          warmMs[warm / 2],
          warmMs[warm - 1]);
      System.exit(0);
    }

    private static double invoke(QuarkusStreamHandler handler, byte[] event, boolean show)
        throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long start = System.nanoTime();
      handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext());
      double ms = (System.nanoTime() - start) / 1e6;
      String answer = out.toString(StandardCharsets.UTF_8);
      if (!answer.contains("\"statusCode\":200")) {
        throw new IllegalStateException(
            "unexpected answer: " + answer.substring(0, Math.min(400, answer.length())));
      }
      if (show) {
        System.out.println(
            "first answer: " + answer.substring(0, Math.min(200, answer.length())) + "...");
      }
      return ms;
    }
  }

  /** A Lambda context for local invocations. */
  static final class LocalContext implements Context {
    @Override
    public String getAwsRequestId() {
      return "local-" + System.nanoTime();
    }

    @Override
    public String getLogGroupName() {
      return "local";
    }

    @Override
    public String getLogStreamName() {
      return "local";
    }

    @Override
    public String getFunctionName() {
      return "cryptomargin-local-ApiFunction";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:eu-west-1:123456789012:function:cryptomargin-local-ApiFunction";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 20_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.out.print(message);
        }

        @Override
        public void log(byte[] message) {
          System.out.print(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
