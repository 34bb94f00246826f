package io.cryptomargin.infra;

import java.util.Objects;
import java.util.Optional;

/**
 * The inputs of one synthesis: which stage, which build of the function, which artifact.
 *
 * @param stage         the stage's configuration
 * @param packaging     JVM or native build of the function
 * @param artifact      the function zip (or its placeholder)
 * @param alarmTopicArn an existing SNS topic the alarms notify, when operations gave one
 */
public record DeploymentSettings(StageConfig stage, FunctionPackaging packaging, FunctionArtifact artifact,
                                 Optional<String> alarmTopicArn) {

    /** Validates that every part is present. */
    public DeploymentSettings {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(packaging, "packaging");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(alarmTopicArn, "alarmTopicArn");
    }

    /**
     * Settings without an alarm topic.
     *
     * @param stage     the stage's configuration
     * @param packaging JVM or native build
     * @param artifact  the function zip
     * @return the settings
     */
    public static DeploymentSettings of(StageConfig stage, FunctionPackaging packaging, FunctionArtifact artifact) {
        return new DeploymentSettings(stage, packaging, artifact, Optional.empty());
    }
}
