using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/dev/token endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class DevHttpFunctions(ApiEndpoints api)
{
    [Function("PostDevToken")]
    public Task<IActionResult> PostDevToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dev/token")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/dev/token", durable);
}
