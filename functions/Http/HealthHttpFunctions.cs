using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/health endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class HealthHttpFunctions(ApiEndpoints api)
{
    [Function("GetHealth")]
    public Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/health", durable);
}
