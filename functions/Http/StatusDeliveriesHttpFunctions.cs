using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/status-deliveries/dead-letters endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class StatusDeliveriesHttpFunctions(ApiEndpoints api)
{
    [Function("GetStatusDeliveriesDeadLetters")]
    public Task<IActionResult> GetStatusDeliveriesDeadLetters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status-deliveries/dead-letters")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/status-deliveries/dead-letters", durable);

    [Function("PostStatusDeliveriesDeadLettersMerchantIdMessageIdResend")]
    public Task<IActionResult> PostStatusDeliveriesDeadLettersMerchantIdMessageIdResend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "status-deliveries/dead-letters/{merchantId}/{messageId}/resend")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/status-deliveries/dead-letters/{merchantId}/{messageId}/resend", durable);
}
