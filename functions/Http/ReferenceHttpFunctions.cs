using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/reference/reasons endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class ReferenceHttpFunctions(ApiEndpoints api)
{
    [Function("GetReferenceReasons")]
    public Task<IActionResult> GetReferenceReasons(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reference/reasons")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/reference/reasons", durable);
}
