package io.cryptomargin.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;
import software.constructs.IConstruct;
import software.constructs.RootConstruct;

/**
 * Every AWS resource of one stage of cryptomargin, composed of five parts: {@link Storage} (tables,
 * bucket), {@link Messaging} (bus, queues, dead-letter queues), {@link MarginFunctions} (the four
 * functions, their IAM statements and triggers), {@link MarginApi} (the HTTP API) and {@link
 * Alarms}.
 *
 * <p>The parts are grouping constructs only: resources keep the logical ids they had when the stack
 * created them directly ({@link #allocateLogicalId}), so a deployed stack updates in place instead
 * of replacing its tables, bucket and queues.
 */
public final class CryptomarginStack extends Stack {

  private static final String STORAGE = "Storage";
  private static final String MESSAGING = "Messaging";
  private static final String FUNCTIONS = "Functions";
  private static final String API = "Api";
  private static final String ALARMS = "Alarms";

  /** Construct ids of the parts, left out of every logical id. */
  private static final Set<String> PARTS = Set.of(STORAGE, MESSAGING, FUNCTIONS, API, ALARMS);

  private final DeploymentSettings settings;
  private final Storage storage;
  private final Messaging messaging;
  private final MarginFunctions functions;
  private final MarginApi api;
  private final Alarms alarms;

  /**
   * Builds the stack.
   *
   * @param scope the app
   * @param id stack id, e.g. {@code cryptomargin-dev}
   * @param props account, region, description
   * @param settings stage, packaging and artifact
   */
  public CryptomarginStack(
      Construct scope, String id, StackProps props, DeploymentSettings settings) {
    super(scope, id, props);
    this.settings = settings;
    StageConfig stage = settings.stage();

    storage = new Storage(this, STORAGE, stage);
    messaging = new Messaging(this, MESSAGING, stage);
    functions = new MarginFunctions(this, FUNCTIONS, settings, storage, messaging);
    api = new MarginApi(this, API, settings, functions.function(MarginHandler.API));
    alarms = new Alarms(this, ALARMS, settings, functions, messaging.deadLetterQueues());

    CfnOutput.Builder.create(this, "HttpApiUrl").value(api.httpApi().getApiEndpoint()).build();
    CfnOutput.Builder.create(this, "EventBusName")
        .value(messaging.eventBus().getEventBusName())
        .build();
    CfnOutput.Builder.create(this, "SnapshotBucketName")
        .value(storage.snapshotBucket().getBucketName())
        .build();
    CfnOutput.Builder.create(this, "MarginEventsQueueUrl")
        .value(messaging.marginEventsQueue().getQueueUrl())
        .build();
  }

  /**
   * CDK's own scheme (a readable path plus a hash of it), applied to the path without the part the
   * resource sits in: {@code Storage/RiskArraysTable/Resource} gets the id {@code
   * RiskArraysTable/Resource} had. A new logical id for a table or bucket would make CloudFormation
   * create a new, empty one (and orphan or delete the old one).
   */
  @Override
  protected String allocateLogicalId(CfnElement element) {
    List<String> components = new ArrayList<>();
    boolean belowStack = false;
    for (IConstruct scope : element.getNode().getScopes()) {
      if (belowStack) {
        components.add(scope.getNode().getId());
      }
      belowStack = belowStack || scope.getNode().getPath().equals(getNode().getPath());
    }
    if (components.size() > 1 && PARTS.contains(components.get(0))) {
      components.remove(0);
    }
    return uniqueId(components);
  }

  /** CDK's makeUniqueId of these path components, computed by CDK itself on a throwaway tree. */
  private static String uniqueId(List<String> components) {
    IConstruct node = new RootConstruct("");
    for (String component : components) {
      node = new Construct((Construct) node, component);
    }
    return Names.uniqueId(node);
  }

  /**
   * @return the settings this stack was built from
   */
  public DeploymentSettings settings() {
    return settings;
  }

  /**
   * @return the tables and the snapshot bucket
   */
  public Storage storage() {
    return storage;
  }

  /**
   * @return the bus, the queues and the dead-letter queues
   */
  public Messaging messaging() {
    return messaging;
  }

  /**
   * @return the four functions
   */
  public MarginFunctions functions() {
    return functions;
  }

  /**
   * @return the HTTP API
   */
  public MarginApi api() {
    return api;
  }

  /**
   * @return the alarms
   */
  public Alarms alarms() {
    return alarms;
  }
}
