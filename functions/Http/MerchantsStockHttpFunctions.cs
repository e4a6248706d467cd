using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/merchants/{merchantId}/stock endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class MerchantsStockHttpFunctions(ApiEndpoints api)
{
    [Function("PostMerchantsMerchantIdStockReturns")]
    public Task<IActionResult> PostMerchantsMerchantIdStockReturns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/stock/returns")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/stock/returns", durable);

    [Function("GetMerchantsMerchantIdStockSku")]
    public Task<IActionResult> GetMerchantsMerchantIdStockSku(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/stock/{sku}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/stock/{sku}", durable);

    [Function("PostMerchantsMerchantIdStockSkuCounts")]
    public Task<IActionResult> PostMerchantsMerchantIdStockSkuCounts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/stock/{sku}/counts")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/stock/{sku}/counts", durable);

    [Function("GetMerchantsMerchantIdStockSkuMovements")]
    public Task<IActionResult> GetMerchantsMerchantIdStockSkuMovements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/stock/{sku}/movements")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/stock/{sku}/movements", durable);

    [Function("PostMerchantsMerchantIdStockSkuReceipts")]
    public Task<IActionResult> PostMerchantsMerchantIdStockSkuReceipts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/stock/{sku}/receipts")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/stock/{sku}/receipts", durable);
}
