package io.cryptomargin.function.positions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.cryptomargin.function.config.DynamoDbRequestCounter;
import io.cryptomargin.function.margin.AccountBatch;
import io.cryptomargin.function.margin.AccountRecalculator;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Handler {@code positions}: DynamoDB Streams records of the positions table re-margin their
 * accounts. Records are grouped by account (pk), each account recalculated once per batch from its
 * current stored state, at least at the highest {@code version} its records carry.
 *
 * <p>Returns {@code batchItemFailures}: the sequence numbers of the records of every account that
 * failed (DynamoDB or snapshot unavailable: worth retrying) and of every malformed record (no pk,
 * no numeric version), so one bad record never blocks the stream. A book the engine refuses is not
 * a failure: it is stored as an {@code ERROR} result naming every problem.
 */
@Named("positions")
public class PositionsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private static final Logger LOG = Logger.getLogger(PositionsHandler.class);

  private final AccountRecalculator recalculator;
  private final DynamoDbRequestCounter requests;

  @Inject
  public PositionsHandler(AccountRecalculator recalculator, DynamoDbRequestCounter requests) {
    this.recalculator = recalculator;
    this.requests = requests;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    AccountBatch batch = new AccountBatch();
    List<DynamodbEvent.DynamodbStreamRecord> records =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    for (int i = 0; i < records.size(); i++) {
      add(batch, records.get(i), i);
    }
    return new StreamsEventResponse(
        batch.recalculate(recalculator, requests, "positions").stream()
            .map(StreamsEventResponse.BatchItemFailure::new)
            .toList());
  }

  /**
   * A record names its account (Keys.pk) at the version of its image (the old one for a REMOVE).
   */
  private static void add(
      AccountBatch batch, DynamodbEvent.DynamodbStreamRecord record, int index) {
    StreamRecord dynamodb = record == null ? null : record.getDynamodb();
    String sequence =
        dynamodb != null && dynamodb.getSequenceNumber() != null
            ? dynamodb.getSequenceNumber()
            : record != null && record.getEventID() != null
                ? record.getEventID()
                : "record-" + index;
    String account = dynamodb == null ? null : string(dynamodb.getKeys(), "pk");
    Map<String, AttributeValue> image =
        dynamodb == null
            ? null
            : "REMOVE".equals(record.getEventName())
                ? dynamodb.getOldImage()
                : dynamodb.getNewImage();
    AttributeValue version = image == null ? null : image.get("version");
    String digits = version == null ? null : version.getN();
    if (account == null || account.isBlank() || digits == null || !digits.matches("\\d{1,18}")) {
      LOG.warnf(
          "malformed positions record %s (Records[%d]): needs dynamodb.Keys.pk.S and a whole-number"
              + " version N in its image; reported as a batch item failure",
          sequence, index);
      batch.malformed(sequence);
      return;
    }
    batch.add(sequence, Map.of(account, Long.parseLong(digits)));
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    return item == null
        ? null
        : item.get(name) == null ? null : Objects.toString(item.get(name).getS(), null);
  }
}
