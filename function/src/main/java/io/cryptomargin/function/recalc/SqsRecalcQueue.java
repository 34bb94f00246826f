package io.cryptomargin.function.recalc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * SendMessageBatch to the recalc queue, 10 messages a call; entries SQS failed are re-sent up to 3
 * times.
 */
public final class SqsRecalcQueue implements RecalcQueue {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SqsClient client;
  private final String queueUrl;

  public SqsRecalcQueue(SqsClient client, String queueUrl) {
    this.client = client;
    this.queueUrl = queueUrl;
  }

  @Override
  public void send(List<RecalcBatch> batches) {
    for (int from = 0; from < batches.size(); from += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      List<RecalcBatch> chunk = batches.subList(from, Math.min(from + 10, batches.size()));
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .messageBody(json(chunk.get(i)))
                .build());
      }
      for (int attempt = 1; ; attempt++) {
        List<SendMessageBatchRequestEntry> request = entries;
        SendMessageBatchResponse response =
            client.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(request));
        if (!response.hasFailed() || response.failed().isEmpty()) {
          break;
        }
        if (attempt >= 3) {
          throw new IllegalStateException(
              response.failed().size()
                  + " recalc messages not accepted by "
                  + queueUrl
                  + ": "
                  + response.failed().get(0).code()
                  + " "
                  + response.failed().get(0).message());
        }
        List<String> failedIds = response.failed().stream().map(f -> f.id()).toList();
        entries = entries.stream().filter(e -> failedIds.contains(e.id())).toList();
      }
    }
  }

  static String json(RecalcBatch batch) {
    try {
      return JSON.writeValueAsString(batch);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
