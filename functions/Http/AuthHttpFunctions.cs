using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/auth/roles endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class AuthHttpFunctions(ApiEndpoints api)
{
    [Function("PostAuthRoles")]
    public Task<IActionResult> PostAuthRoles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/roles")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/auth/roles", durable);
}
