package io.cryptomargin.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CDK for Java synthesises through jsii, which starts the {@code node} found on the PATH. Without
 * it every synthesis fails with jsii's own "Cannot run program" error; this test says instead what
 * is missing and what to do, beside those failures.
 */
class NodeRuntimeTest {
  /** The oldest Node.js the CDK's jsii runtime supports. */
  private static final int MINIMUM_NODE_MAJOR = 18;

  private static final String WHAT_TO_DO =
      "The infra tests synthesise the CDK templates, which runs Node.js "
          + MINIMUM_NODE_MAJOR
          + " or newer: install it (https://nodejs.org, or 'sudo apt-get install nodejs' "
          + "on Debian 12 and newer) so that 'node' is on the PATH, or build without this module: "
          + "./mvnw -B verify -pl '!infra'";

  @Test
  void node_onThePath_isRecentEnoughForCdk() throws InterruptedException {
    String version = nodeVersion();

    Matcher major = Pattern.compile("^v(\\d+)\\.").matcher(version);
    assertThat(major.find()).as("'node --version' printed '%s'. %s", version, WHAT_TO_DO).isTrue();
    assertThat(Integer.parseInt(major.group(1)))
        .as("Node.js %s is too old. %s", version, WHAT_TO_DO)
        .isGreaterThanOrEqualTo(MINIMUM_NODE_MAJOR);
  }

  private static String nodeVersion() throws InterruptedException {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly();
        fail("'node --version' did not answer within 30 s. " + WHAT_TO_DO);
      }
      return out;
    } catch (IOException notFound) {
      return fail("There is no 'node' on the PATH (" + notFound.getMessage() + "). " + WHAT_TO_DO);
    }
  }
}
