using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/work/{stage} endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class WorkHttpFunctions(ApiEndpoints api)
{
    [Function("GetWorkStage")]
    public Task<IActionResult> GetWorkStage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "work/{stage}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/work/{stage}", durable);
}
