package io.cryptomargin.function.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Plain AWS SDK v2 clients, one of each per function instance. The URL-connection HTTP client is
 * the one on the class path because it starts fastest, which is what a Lambda cold start pays for.
 */
@ApplicationScoped
public class AwsClients {

  /** Counts the DynamoDB client's requests, so the batch handlers can log what a batch cost. */
  @Produces
  @Singleton
  DynamoDbRequestCounter dynamoDbRequestCounter() {
    return new DynamoDbRequestCounter();
  }

  @Produces
  @Singleton
  DynamoDbClient dynamoDb(FunctionConfig config, DynamoDbRequestCounter counter) {
    return configure(DynamoDbClient.builder(), config.aws())
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
        .build();
  }

  @Produces
  @Singleton
  S3Client s3(FunctionConfig config) {
    return configure(S3Client.builder(), config.aws())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Produces
  @Singleton
  SqsClient sqs(FunctionConfig config) {
    return configure(SqsClient.builder(), config.aws())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Produces
  @Singleton
  EventBridgeClient eventBridge(FunctionConfig config) {
    return configure(EventBridgeClient.builder(), config.aws())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  void closeDynamoDb(@Disposes DynamoDbClient client) {
    client.close();
  }

  void closeS3(@Disposes S3Client client) {
    client.close();
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, FunctionConfig.Aws aws) {
    aws.region().map(Region::of).ifPresent(builder::region);
    aws.endpointOverride()
        .ifPresent(
            endpoint -> {
              builder.endpointOverride(endpoint);
              // Local stand-ins accept any signature; real credentials must never be needed to
              // test.
              builder.credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            });
    return builder;
  }
}
