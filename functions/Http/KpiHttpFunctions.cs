using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/kpi endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class KpiHttpFunctions(ApiEndpoints api)
{
    [Function("GetKpiMerchantsMerchantIdDeadlineMisses")]
    public Task<IActionResult> GetKpiMerchantsMerchantIdDeadlineMisses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/merchants/{merchantId}/deadline-misses")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/merchants/{merchantId}/deadline-misses", durable);

    [Function("GetKpiMerchantsMerchantIdFunnel")]
    public Task<IActionResult> GetKpiMerchantsMerchantIdFunnel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/merchants/{merchantId}/funnel")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/merchants/{merchantId}/funnel", durable);

    [Function("GetKpiMerchantsMerchantIdIndicators")]
    public Task<IActionResult> GetKpiMerchantsMerchantIdIndicators(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/merchants/{merchantId}/indicators")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/merchants/{merchantId}/indicators", durable);

    [Function("GetKpiMerchantsMerchantIdLosses")]
    public Task<IActionResult> GetKpiMerchantsMerchantIdLosses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/merchants/{merchantId}/losses")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/merchants/{merchantId}/losses", durable);

    [Function("GetKpiMerchantsMerchantIdTraffic")]
    public Task<IActionResult> GetKpiMerchantsMerchantIdTraffic(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/merchants/{merchantId}/traffic")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/merchants/{merchantId}/traffic", durable);

    [Function("PostKpiRebuildMerchantId")]
    public Task<IActionResult> PostKpiRebuildMerchantId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "kpi/rebuild/{merchantId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/kpi/rebuild/{merchantId}", durable);

    [Function("GetKpiRollup")]
    public Task<IActionResult> GetKpiRollup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/rollup")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/rollup", durable);

    [Function("PostKpiRollup")]
    public Task<IActionResult> PostKpiRollup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "kpi/rollup")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/kpi/rollup", durable);

    [Function("GetKpiTotalsCurrencyDeadlineMisses")]
    public Task<IActionResult> GetKpiTotalsCurrencyDeadlineMisses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/totals/{currency}/deadline-misses")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/totals/{currency}/deadline-misses", durable);

    [Function("GetKpiTotalsCurrencyFunnel")]
    public Task<IActionResult> GetKpiTotalsCurrencyFunnel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/totals/{currency}/funnel")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/totals/{currency}/funnel", durable);

    [Function("GetKpiTotalsCurrencyIndicators")]
    public Task<IActionResult> GetKpiTotalsCurrencyIndicators(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/totals/{currency}/indicators")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/totals/{currency}/indicators", durable);

    [Function("GetKpiTotalsCurrencyLosses")]
    public Task<IActionResult> GetKpiTotalsCurrencyLosses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpi/totals/{currency}/losses")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/kpi/totals/{currency}/losses", durable);
}
