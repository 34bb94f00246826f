package io.cryptomargin.function.positions;

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
 * Handler {@code positions}: DynamoDB Streams records of the positions table re-margin their
 * accounts. Records are grouped by account (pk), each account recalculated once per batch from
 * its current stored state, at least at the highest {@code version} its records carry.
 *
 * <p>Returns {@code batchItemFailures}: the sequence numbers of the records of every account that
 * failed (DynamoDB or snapshot unavailable: worth retrying) and of every malformed record (no
 * pk, no numeric version), so one bad record never blocks the stream. A book the engine refuses
 * is not a failure: it is stored as an {@code ERROR} result naming every problem.
 */
@Named("positions")
public class PositionsHandler implements RequestHandler<Map<String, Object>, BatchResponse> {
  private static final Logger LOG = Logger.getLogger(PositionsHandler.class);

  private final ObjectMapper mapper;
  private final AccountRecalculator recalculator;

  @Inject
  public PositionsHandler(ObjectMapper mapper, AccountRecalculator recalculator) {
    this.mapper = mapper;
    this.recalculator = recalculator;
  }

  @Override
  public BatchResponse handleRequest(Map<String, Object> event, Context context) {
    JsonNode records = mapper.valueToTree(event).path("Records");
    List<String> failed = new ArrayList<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    Map<String, List<String>> sequencesByAccount = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      JsonNode dynamodb = record.path("dynamodb");
      String sequence = dynamodb.path("SequenceNumber").asText(record.path("eventID").asText("record-" + i));
      String account = dynamodb.path("Keys").path("pk").path("S").asText(null);
      JsonNode image = "REMOVE".equals(record.path("eventName").asText()) ? dynamodb.path("OldImage")
          : dynamodb.path("NewImage");
      JsonNode versionNode = image.path("version").path("N");
      if (account == null || account.isBlank() || !versionNode.isTextual() || !versionNode.asText().matches("\\d{1,18}")) {
        LOG.warnf("malformed positions record %s (Records[%d]): needs dynamodb.Keys.pk.S and a whole-number"
            + " version N in its image; reported as a batch item failure", sequence, i);
        failed.add(sequence);
        continue;
      }
      versions.merge(account, Long.parseLong(versionNode.asText()), Math::max);
      sequencesByAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(sequence);
    }
    AccountRecalculator.BatchOutcome outcome = recalculator.recalculate(versions);
    outcome.failures().keySet().forEach(account -> failed.addAll(sequencesByAccount.get(account)));
    outcome.outcomes().values().forEach(o -> LOG.infof("positions: %s v%d %s%s%s", o.account(), o.version(), o.status(),
        o.written() ? " written" : " unchanged", o.event() == null ? "" : ", published " + o.event()));
    return BatchResponse.of(failed);
  }
}
