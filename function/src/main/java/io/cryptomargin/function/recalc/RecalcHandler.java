package io.cryptomargin.function.recalc;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cryptomargin.function.config.DynamoDbRequestCounter;
import io.cryptomargin.function.config.StrictJson;
import io.cryptomargin.function.margin.AccountBatch;
import io.cryptomargin.function.margin.AccountRecalculator;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Handler {@code recalc}: SQS messages ({@link RecalcBatch} bodies) of accounts to re-margin in the
 * current snapshot. All accounts of all messages are recalculated together (shared array reads); a
 * message is reported in {@code batchItemFailures} when its body is malformed or any of its
 * accounts failed. Re-delivered messages are harmless: an account's result is only rewritten when
 * newer (see {@code MarginResultStore}).
 */
@Named("recalc")
public class RecalcHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = Logger.getLogger(RecalcHandler.class);

  private final AccountRecalculator recalculator;
  private final DynamoDbRequestCounter requests;

  @Inject
  public RecalcHandler(AccountRecalculator recalculator, DynamoDbRequestCounter requests) {
    this.recalculator = recalculator;
    this.requests = requests;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    AccountBatch batch = new AccountBatch();
    List<SQSEvent.SQSMessage> messages =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    for (int i = 0; i < messages.size(); i++) {
      SQSEvent.SQSMessage message = messages.get(i);
      String messageId =
          message != null && message.getMessageId() != null
              ? message.getMessageId()
              : "Records[" + i + "]";
      try {
        RecalcBatch body =
            StrictJson.read(message == null ? null : message.getBody(), RecalcBatch.class);
        Map<String, Long> accounts = new LinkedHashMap<>();
        body.accounts().forEach(account -> accounts.put(account, 0L));
        batch.add(messageId, accounts);
      } catch (RuntimeException malformed) {
        LOG.warnf(
            "malformed recalc message %s: body must be {\"snapshotId\":\"...\",\"accounts\":[\"id\",...]}",
            messageId);
        batch.malformed(messageId);
      }
    }
    return new SQSBatchResponse(
        batch.recalculate(recalculator, requests, "recalc").stream()
            .map(SQSBatchResponse.BatchItemFailure::new)
            .toList());
  }
}
