package io.cryptomargin.function.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Handler {@code api}: API Gateway HTTP API (payload 2.0) requests, answered by {@link MarginApi}
 * (routes, bodies, statuses and who may read what are described there and in {@code openapi.yaml}).
 */
@Named("api")
public class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final MarginApi api;

  @Inject
  public ApiHandler(MarginApi api) {
    this.api = api;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return api.handle(event);
  }
}
