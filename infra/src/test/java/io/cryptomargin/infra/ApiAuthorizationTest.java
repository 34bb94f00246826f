package io.cryptomargin.infra;

import static io.cryptomargin.infra.SynthesizedStack.asList;
import static io.cryptomargin.infra.SynthesizedStack.path;
import static io.cryptomargin.infra.SynthesizedStack.properties;
import static io.cryptomargin.infra.SynthesizedStack.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Template;

/**
 * Who may do what through the API and its table writes: the explicit admin the api function learns
 * from its environment, and batch writes that cannot reach the snapshot pointers.
 */
class ApiAuthorizationTest {

  /**
   * Partition keys of the risk arrays table that are not arrays, as the function module writes them
   * (SnapshotPointerStore.POINTER_PARTITION and SnapshotStore.PARTITION).
   */
  private static final List<String> NON_ARRAY_PARTITIONS = List.of("CURRENT", "SNAPSHOT");

  /**
   * An array partition as RiskArrayCodec.partitionKey builds it (underlying#snapshot#set#version).
   */
  private static final String ARRAY_PARTITION = "BTC#deribit-2026-11-27T08:00Z#crypto-pm#v2";

  @Test
  void batchWrites_intoRiskArraysTable_everyOneLimitedToArrayPartitions() {
    SynthesizedStack dev = SynthesizedStack.dev();
    List<PolicyStatements.Located> batchWrites =
        statements(dev, "dynamodb:BatchWriteItem", dev.stack().storage().riskArraysTable());

    // The snapshot function's array writes and the write-back of positions, recalc and api.
    assertThat(batchWrites)
        .hasSize(4)
        .allSatisfy(
            statement -> {
              assertThat(statement.actions())
                  .as(statement.owner())
                  .containsExactly("dynamodb:BatchWriteItem");
              assertThat(
                      asList(
                          path(
                              statement.statement(),
                              "Condition",
                              "ForAllValues:StringLike",
                              "dynamodb:LeadingKeys")))
                  .as(statement.owner())
                  .containsExactly(MarginFunctions.RISK_ARRAY_PARTITION_PATTERN);
            });
  }

  @Test
  void marginResultWrites_ofPositionsAndRecalc_onlyInsideWriteTransactions() {
    SynthesizedStack dev = SynthesizedStack.dev();
    List<PolicyStatements.Located> writes =
        statements(dev, "dynamodb:PutItem", dev.stack().storage().marginResultsTable());

    assertThat(writes)
        .hasSize(2)
        .allSatisfy(
            statement ->
                assertThat(
                        asList(
                            path(
                                statement.statement(),
                                "Condition",
                                "ForAnyValue:StringEquals",
                                "dynamodb:EnclosingOperation")))
                    .as(statement.owner())
                    .containsExactly("TransactWriteItems"));
  }

  @Test
  void riskArrayPartitionPattern_asIamMatchesIt_admitsArraysAndRefusesPointersAndSnapshots() {
    Pattern pattern = iamStringLike(MarginFunctions.RISK_ARRAY_PARTITION_PATTERN);

    assertThat(pattern.matcher(ARRAY_PARTITION).matches()).isTrue();
    assertThat(NON_ARRAY_PARTITIONS).noneMatch(key -> pattern.matcher(key).matches());
  }

  @Test
  void apiFunction_adminPrincipals_isTheAdminRoleArnAndOnlyTheApiGetsIt() {
    SynthesizedStack dev = SynthesizedStack.dev();
    String apiFunction =
        dev.logicalId(dev.stack().functions().function(MarginHandler.API).function());

    dev.resourcesOfType("AWS::Lambda::Function")
        .forEach(
            (id, function) -> {
              Object admins =
                  path(
                      properties(function),
                      "Environment",
                      "Variables",
                      FunctionContract.API_ADMIN_PRINCIPALS);
              if (id.equals(apiFunction)) {
                assertThat(render(admins))
                    .isEqualTo(dev.logicalId(dev.stack().api().adminRole()) + ".Arn");
              } else {
                assertThat(admins).as(id).isNull();
              }
            });
  }

  @Test
  void apiFunction_extraAdminsFromSettings_followTheAdminRoleCommaSeparated() {
    String operations = "arn:aws:iam::123456789012:role/operations";
    String breakGlass = "arn:aws:sts::123456789012:assumed-role/break-glass/alice";
    App app = new App(AppProps.builder().build());
    CryptomarginStack stack =
        CryptomarginApp.createStack(
            app,
            new DeploymentSettings(
                StageConfig.DEV,
                FunctionPackaging.JVM,
                SynthesizedStack.artifact(),
                Optional.empty(),
                List.of(operations, breakGlass)),
            Environment.builder().build());
    SynthesizedStack synthesized =
        new SynthesizedStack(stack, Template.fromStack(stack), Template.fromStack(stack).toJSON());
    String apiFunction =
        synthesized.logicalId(stack.functions().function(MarginHandler.API).function());

    Object admins =
        path(
            properties(synthesized.resources().get(apiFunction)),
            "Environment",
            "Variables",
            FunctionContract.API_ADMIN_PRINCIPALS);

    assertThat(render(admins))
        .isEqualTo(
            synthesized.logicalId(stack.api().adminRole())
                + ".Arn,"
                + operations
                + ","
                + breakGlass);
  }

  @Test
  void adminRole_trustAndGrants_assumableInTheAccountAndInvokesOnlyTheTwoRoutes() {
    SynthesizedStack dev = SynthesizedStack.dev();
    String adminRole = dev.logicalId(dev.stack().api().adminRole());
    Map<String, Object> role = properties(dev.resources().get(adminRole));
    List<String> grants = new ArrayList<>();
    for (PolicyStatements.Located statement : PolicyStatements.identityStatements(dev)) {
      if (asList(properties(dev.resources().get(statement.owner())).get("Roles")).stream()
          .anyMatch(attached -> render(attached).equals(adminRole))) {
        statement
            .actions()
            .forEach(
                action ->
                    statement
                        .resources()
                        .forEach(resource -> grants.add(action + " " + render(resource))));
      }
    }

    assertThat(
            render(
                path(
                    asList(path(role, "AssumeRolePolicyDocument", "Statement")).get(0),
                    "Principal",
                    "AWS")))
        .contains(":iam::")
        .endsWith(":root");
    assertThat(grants)
        .hasSize(2)
        .allSatisfy(grant -> assertThat(grant).startsWith("execute-api:Invoke arn:"));
    assertThat(grants).anySatisfy(grant -> assertThat(grant).endsWith("/$default/POST/margin"));
    assertThat(grants)
        .anySatisfy(grant -> assertThat(grant).endsWith("/$default/GET/accounts/*/margin"));
  }

  @Test
  void settingsFromContext_adminPrincipals_splitOnCommasAndTrimmed() {
    App app =
        new App(
            AppProps.builder()
                .context(
                    Map.of(
                        CryptomarginApp.API_ADMIN_PRINCIPALS_CONTEXT,
                        " arn:aws:iam::123456789012:role/ops , arn:aws:iam::123456789012:user/carol,"))
                .build());

    DeploymentSettings settings =
        CryptomarginApp.settingsFromContext(
            app.getNode(), Path.of("target", "placeholder-function"));

    assertThat(settings.apiAdminPrincipals())
        .containsExactly(
            "arn:aws:iam::123456789012:role/ops", "arn:aws:iam::123456789012:user/carol");
  }

  @Test
  void deploymentSettings_adminPrincipalsNotArns_rejectedNamingEveryOne() {
    assertThatThrownBy(
            () ->
                new DeploymentSettings(
                    StageConfig.DEV,
                    FunctionPackaging.JVM,
                    SynthesizedStack.artifact(),
                    Optional.empty(),
                    List.of(
                        "ops",
                        "arn:aws:iam::123456789012:role/ok",
                        "arn:aws:iam::1234:role/short-account")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiAdminPrincipals")
        .hasMessageContaining("'ops'")
        .hasMessageContaining("'arn:aws:iam::1234:role/short-account'")
        .hasMessageNotContaining("role/ok");
  }

  @Test
  void functionContract_everyVariable_isReadByTheFunctionsConfiguration() throws IOException {
    String properties = functionProperties();

    for (String variable : FunctionContract.ENVIRONMENT_VARIABLES) {
      assertThat(properties).as(variable).contains("${" + variable + "}");
    }
  }

  @Test
  void functionContract_apiOnlyVariables_areReadWithADefault() throws IOException {
    String properties = functionProperties();

    // Only the api function receives these, so the others need a default.
    for (String variable : FunctionContract.API_ENVIRONMENT_VARIABLES) {
      assertThat(properties).as(variable).contains("${" + variable + ":");
    }
  }

  private static String functionProperties() throws IOException {
    return Files.readString(
        Path.of("..", "function", "src", "main", "resources", "application.properties"));
  }

  /** IAM's StringLike: "*" any run of characters, "?" one character, everything else literal. */
  private static Pattern iamStringLike(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }

  /** The identity statements granting {@code action} on {@code table}. */
  private static List<PolicyStatements.Located> statements(
      SynthesizedStack dev, String action, software.constructs.IConstruct table) {
    String arn = dev.logicalId(table) + ".Arn";
    List<PolicyStatements.Located> found = new ArrayList<>();
    for (PolicyStatements.Located statement : PolicyStatements.identityStatements(dev)) {
      if (statement.actions().contains(action)
          && statement.resources().stream().anyMatch(resource -> render(resource).equals(arn))) {
        found.add(statement);
      }
    }
    return found;
  }
}
