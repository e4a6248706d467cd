using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/diagnostics/storage-operations endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class DiagnosticsHttpFunctions(ApiEndpoints api)
{
    [Function("GetDiagnosticsStorageOperations")]
    public Task<IActionResult> GetDiagnosticsStorageOperations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "diagnostics/storage-operations")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/diagnostics/storage-operations", durable);
}
