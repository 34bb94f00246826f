package io.cryptomargin.function.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who counts as an owner or admin. The ARN forms are AWS's: a caller that assumed a role arrives as
 * {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} (IAM User Guide, "IAM identifiers"), while
 * a deployment names the role by its IAM ARN {@code arn:aws:iam::ACCOUNT:role/[PATH/]ROLE}.
 */
class CallerTest {
  private static final Caller ADMIN_SESSION =
      new Caller(Optional.of("arn:aws:sts::123456789012:assumed-role/ApiAdminRole/alice"));

  @Test
  void isOneOf_iamRoleArnOfTheAssumedRole_matchesEverySession() {
    assertThat(ADMIN_SESSION.isOneOf(List.of("arn:aws:iam::123456789012:role/ApiAdminRole")))
        .isTrue();
    assertThat(ADMIN_SESSION.isOneOf(List.of("arn:aws:iam::123456789012:role/ops/ApiAdminRole")))
        .isTrue();
  }

  @Test
  void isOneOf_roleOfAnotherAccountOrName_doesNotMatch() {
    assertThat(ADMIN_SESSION.isOneOf(List.of("arn:aws:iam::999999999999:role/ApiAdminRole")))
        .isFalse();
    assertThat(ADMIN_SESSION.isOneOf(List.of("arn:aws:iam::123456789012:role/ApiAdmin"))).isFalse();
    assertThat(ADMIN_SESSION.isOneOf(List.of("arn:aws:iam::123456789012:user/ApiAdminRole")))
        .isFalse();
  }

  @Test
  void isOneOf_sessionPrefixOrExactArn_matches() {
    assertThat(
            ADMIN_SESSION.isOneOf(List.of("arn:aws:sts::123456789012:assumed-role/ApiAdminRole")))
        .isTrue();
    assertThat(
            ADMIN_SESSION.isOneOf(
                List.of("arn:aws:sts::123456789012:assumed-role/ApiAdminRole/alice")))
        .isTrue();
    assertThat(
            ADMIN_SESSION.isOneOf(
                List.of("arn:aws:sts::123456789012:assumed-role/ApiAdminRole/bob")))
        .isFalse();
  }

  @Test
  void isOneOf_noIdentity_matchesNothing() {
    assertThat(
            new Caller(Optional.empty())
                .isOneOf(List.of("arn:aws:iam::123456789012:role/ApiAdminRole")))
        .isFalse();
  }
}
