package io.cryptomargin.infra;

import static io.cryptomargin.infra.SynthesizedStack.asList;
import static io.cryptomargin.infra.SynthesizedStack.path;
import static io.cryptomargin.infra.SynthesizedStack.properties;
import static io.cryptomargin.infra.SynthesizedStack.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The security properties of the synthesised templates, checked over every resource of each kind.
 */
class SecurityPropertiesTest {

  @Test
  void identityPolicies_everyStatementOfEveryStage_hasNoWildcardActionOrResource() {
    for (SynthesizedStack stage :
        List.of(SynthesizedStack.dev(), SynthesizedStack.prod(), SynthesizedStack.nativeDev())) {
      List<PolicyStatements.Located> statements = PolicyStatements.identityStatements(stage);
      // A walk that finds nothing would pass vacuously: four roles carry at least a log statement
      // each.
      assertThat(statements).as("statements in %s", stage.stageName()).hasSizeGreaterThan(20);
      assertThat(statements.stream().flatMap(s -> PolicyStatements.wildcardViolations(s).stream()))
          .as("wildcard grants in %s", stage.stageName())
          .isEmpty();
    }
  }

  @Test
  void wildcardViolations_wideStatements_areReported() {
    Map<String, Object> everything = Map.of("Effect", "Allow", "Action", "*", "Resource", "*");
    Map<String, Object> serviceWide =
        Map.of("Effect", "Allow", "Action", List.of("s3:Get*"), "Resource", "arn:aws:s3:::*");
    Map<String, Object> xrayPlusMore =
        Map.of(
            "Effect",
            "Allow",
            "Action",
            List.of("xray:PutTraceSegments", "dynamodb:GetItem"),
            "Resource",
            "*");
    Map<String, Object> notAction =
        Map.of(
            "Effect",
            "Allow",
            "NotAction",
            "iam:*",
            "Resource",
            "arn:aws:sqs:eu-west-1:123456789012:q");

    assertThat(PolicyStatements.wildcardViolations(new PolicyStatements.Located("a", everything)))
        .hasSize(2);
    assertThat(PolicyStatements.wildcardViolations(new PolicyStatements.Located("b", serviceWide)))
        .hasSize(2);
    assertThat(PolicyStatements.wildcardViolations(new PolicyStatements.Located("c", xrayPlusMore)))
        .hasSize(1);
    assertThat(PolicyStatements.wildcardViolations(new PolicyStatements.Located("d", notAction)))
        .isNotEmpty();
  }

  @Test
  void wildcardViolations_xrayStatementAlone_isTheOnlyAcceptedStarResource() {
    Map<String, Object> xray =
        Map.of(
            "Effect",
            "Allow",
            "Action",
            List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
            "Resource",
            "*");

    assertThat(PolicyStatements.wildcardViolations(new PolicyStatements.Located("x", xray)))
        .isEmpty();
  }

  @Test
  void identityPolicies_starResource_onlyForXRayTracing() {
    List<PolicyStatements.Located> starStatements =
        PolicyStatements.identityStatements(SynthesizedStack.dev()).stream()
            .filter(s -> s.resources().stream().anyMatch(PolicyStatements::isWildcardResource))
            .toList();

    // One per function: Lambda's own statement for active tracing, nothing else.
    assertThat(starStatements).hasSize(4).allMatch(PolicyStatements::isXRayException);
  }

  @Test
  void roles_everyRole_hasNoManagedPolicyAndFunctionRolesAreAssumedOnlyByLambda() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Map<String, Object>> roles = dev.resourcesOfType("AWS::IAM::Role");
    String adminRole = dev.logicalId(dev.stack().api().adminRole());

    // Four function roles and the API's admin role.
    assertThat(roles).hasSize(5).containsKey(adminRole);
    roles.forEach(
        (id, role) -> {
          Map<String, Object> properties = properties(role);
          assertThat(properties).as(id).doesNotContainKey("ManagedPolicyArns");
          if (!id.equals(adminRole)) {
            assertThat(asList(path(properties, "AssumeRolePolicyDocument", "Statement")))
                .as(id)
                .allSatisfy(
                    statement ->
                        assertThat(path(statement, "Principal", "Service"))
                            .isEqualTo("lambda.amazonaws.com"));
          }
        });
  }

  @Test
  void resourcePolicies_allowStatements_haveNoWildcardActionOrResource() {
    List<PolicyStatements.Located> allows =
        PolicyStatements.resourcePolicyStatements(SynthesizedStack.dev()).stream()
            .filter(PolicyStatements.Located::isAllow)
            .toList();

    // EventBridge's right to write to its targets and dead-letter queues.
    assertThat(allows).isNotEmpty();
    assertThat(allows.stream().flatMap(s -> PolicyStatements.wildcardViolations(s).stream()))
        .isEmpty();
    assertThat(allows)
        .allSatisfy(
            s ->
                assertThat(path(s.statement(), "Principal", "Service"))
                    .as("principal of %s", s.owner())
                    .isEqualTo("events.amazonaws.com"));
  }

  @Test
  void tables_everyTable_encryptedWithKms() {
    for (SynthesizedStack stage : SynthesizedStack.jvmStages()) {
      Map<String, Map<String, Object>> tables = stage.resourcesOfType("AWS::DynamoDB::Table");
      assertThat(tables).hasSize(4);
      tables.forEach(
          (id, table) -> {
            assertThat(path(properties(table), "SSESpecification", "SSEEnabled"))
                .as(id)
                .isEqualTo(true);
            // SSEEnabled without a type or key means the AWS-managed aws/dynamodb KMS key.
            assertThat(path(properties(table), "SSESpecification", "SSEType"))
                .as(id)
                .isIn(null, "KMS");
          });
    }
  }

  @Test
  void buckets_everyBucket_encryptedPrivateAndSslOnly() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Map<String, Object>> buckets = dev.resourcesOfType("AWS::S3::Bucket");

    assertThat(buckets).hasSize(1);
    buckets.forEach(
        (id, bucket) -> {
          Map<String, Object> properties = properties(bucket);
          assertThat(
                  asList(path(properties, "BucketEncryption", "ServerSideEncryptionConfiguration")))
              .as(id)
              .isNotEmpty();
          assertThat(path(properties, "PublicAccessBlockConfiguration"))
              .as(id)
              .isEqualTo(
                  Map.of(
                      "BlockPublicAcls",
                      true,
                      "BlockPublicPolicy",
                      true,
                      "IgnorePublicAcls",
                      true,
                      "RestrictPublicBuckets",
                      true));
          assertThat(deniesInsecureTransport(dev, "AWS::S3::BucketPolicy", "Bucket", id))
              .as(id)
              .isTrue();
        });
  }

  @Test
  void queues_everyQueue_encryptedAtRestAndSslOnly() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Map<String, Object>> queues = dev.resourcesOfType("AWS::SQS::Queue");

    assertThat(queues).hasSize(8);
    queues.forEach(
        (id, queue) -> {
          Map<String, Object> properties = properties(queue);
          boolean sqsManaged = Boolean.TRUE.equals(properties.get("SqsManagedSseEnabled"));
          boolean kms = properties.get("KmsMasterKeyId") != null;
          assertThat(sqsManaged || kms).as("%s encrypted at rest", id).isTrue();
          assertThat(deniesInsecureTransport(dev, "AWS::SQS::QueuePolicy", "Queues", id))
              .as(id)
              .isTrue();
        });
  }

  @Test
  void httpApiRoutes_everyRoute_requiresIamAuthorization() {
    Map<String, Map<String, Object>> routes =
        SynthesizedStack.dev().resourcesOfType("AWS::ApiGatewayV2::Route");

    assertThat(routes).isNotEmpty();
    routes.forEach(
        (id, route) ->
            assertThat(properties(route).get("AuthorizationType")).as(id).isEqualTo("AWS_IAM"));
  }

  @Test
  void template_anyStage_deploysNoCustomResourceOrHelperFunction() {
    for (SynthesizedStack stage : SynthesizedStack.jvmStages()) {
      Set<String> types =
          stage.resources().values().stream()
              .map(resource -> String.valueOf(resource.get("Type")))
              .collect(Collectors.toSet());
      // Custom resources bring CDK's helper Lambdas, whose roles are outside these rules.
      assertThat(types)
          .noneMatch(type -> type.startsWith("Custom::"))
          .doesNotContain("AWS::CloudFormation::CustomResource");
      assertThat(stage.resourcesOfType("AWS::Lambda::Function")).hasSize(4);
    }
  }

  /** Whether a policy of that type on the resource denies every request made without TLS. */
  private static boolean deniesInsecureTransport(
      SynthesizedStack stage, String policyType, String targetKey, String resourceId) {
    return stage.resourcesOfType(policyType).values().stream()
        .filter(
            policy ->
                asList(properties(policy).get(targetKey)).stream()
                    .anyMatch(target -> render(target).equals(resourceId)))
        .flatMap(policy -> asList(path(properties(policy), "PolicyDocument", "Statement")).stream())
        .anyMatch(
            statement ->
                "Deny".equals(path(statement, "Effect"))
                    && "false"
                        .equals(
                            String.valueOf(
                                path(statement, "Condition", "Bool", "aws:SecureTransport"))));
  }
}
