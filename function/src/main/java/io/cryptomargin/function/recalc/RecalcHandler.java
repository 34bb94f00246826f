package io.cryptomargin.function.recalc;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptomargin.function.margin.AccountRecalculator;
import io.cryptomargin.function.margin.BatchResponse;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Handler {@code recalc}: SQS messages, each a {@link RecalcBatch} of accounts to re-margin in the
 * current snapshot. All accounts of all messages are recalculated together (shared array reads);
 * a message is reported in {@code batchItemFailures} when its body is malformed or any of its
 * accounts failed. Re-delivered messages are harmless: an account's result is only rewritten when
 * newer (see {@code MarginResultStore}).
 */
@Named("recalc")
public class RecalcHandler implements RequestHandler<Map<String, Object>, BatchResponse> {
  private static final Logger LOG = Logger.getLogger(RecalcHandler.class);

  private final ObjectMapper mapper;
  private final AccountRecalculator recalculator;

  @Inject
  public RecalcHandler(ObjectMapper mapper, AccountRecalculator recalculator) {
    this.mapper = mapper;
    this.recalculator = recalculator;
  }

  @Override
  public BatchResponse handleRequest(Map<String, Object> event, Context context) {
    JsonNode records = mapper.valueToTree(event).path("Records");
    List<String> failed = new ArrayList<>();
    Map<String, List<String>> accountsByMessage = new LinkedHashMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      String messageId = record.path("messageId").asText("Records[" + i + "]");
      List<String> accounts = parse(record.path("body").asText(""));
      if (accounts == null) {
        LOG.warnf("malformed recalc message %s: body must be {\"snapshotId\":\"...\",\"accounts\":[\"id\",...]}",
            messageId);
        failed.add(messageId);
        continue;
      }
      accountsByMessage.put(messageId, accounts);
      accounts.forEach(account -> versions.put(account, 0L));
    }
    AccountRecalculator.BatchOutcome outcome = recalculator.recalculate(versions);
    accountsByMessage.forEach((messageId, accounts) -> {
      if (accounts.stream().anyMatch(outcome.failures()::containsKey)) {
        failed.add(messageId);
      }
    });
    long events = outcome.outcomes().values().stream().filter(o -> o.event() != null).count();
    LOG.infof("recalc: %d accounts, %d written, %d events, %d failed", versions.size(),
        outcome.outcomes().values().stream().filter(AccountRecalculator.Outcome::written).count(), events,
        outcome.failures().size());
    return BatchResponse.of(failed);
  }

  private List<String> parse(String body) {
    try {
      JsonNode node = mapper.readTree(body);
      JsonNode accounts = node.path("accounts");
      if (!node.path("snapshotId").isTextual() || !accounts.isArray()) {
        return null;
      }
      List<String> ids = new ArrayList<>();
      for (JsonNode id : accounts) {
        if (!id.isTextual() || id.asText().isBlank()) {
          return null;
        }
        ids.add(id.asText());
      }
      return ids;
    } catch (Exception e) {
      return null;
    }
  }
}
