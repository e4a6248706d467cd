using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/merchants endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class MerchantsHttpFunctions(ApiEndpoints api)
{
    [Function("GetMerchants")]
    public Task<IActionResult> GetMerchants(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants", durable);

    [Function("GetMerchantsMerchantId")]
    public Task<IActionResult> GetMerchantsMerchantId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}", durable);

    [Function("PutMerchantsMerchantId")]
    public Task<IActionResult> PutMerchantsMerchantId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "merchants/{merchantId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "PUT", "/api/merchants/{merchantId}", durable);

    [Function("GetMerchantsMerchantIdAvailability")]
    public Task<IActionResult> GetMerchantsMerchantIdAvailability(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/availability")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/availability", durable);

    [Function("GetMerchantsMerchantIdCustomers")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers", durable);

    [Function("GetMerchantsMerchantIdCustomersByOrderOrderId")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomersByOrderOrderId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers/by-order/{orderId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers/by-order/{orderId}", durable);

    [Function("GetMerchantsMerchantIdCustomersExportCsv")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomersExportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers/export.csv")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers/export.csv", durable);

    [Function("PostMerchantsMerchantIdCustomersSearch")]
    public Task<IActionResult> PostMerchantsMerchantIdCustomersSearch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/customers/search")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/customers/search", durable);

    [Function("GetMerchantsMerchantIdCustomersCustomerId")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomersCustomerId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers/{customerId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers/{customerId}", durable);

    [Function("PostMerchantsMerchantIdCustomersCustomerIdCalls")]
    public Task<IActionResult> PostMerchantsMerchantIdCustomersCustomerIdCalls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/customers/{customerId}/calls")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/customers/{customerId}/calls", durable);

    [Function("PostMerchantsMerchantIdCustomersCustomerIdErasure")]
    public Task<IActionResult> PostMerchantsMerchantIdCustomersCustomerIdErasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/customers/{customerId}/erasure")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/customers/{customerId}/erasure", durable);

    [Function("PutMerchantsMerchantIdCustomersCustomerIdTags")]
    public Task<IActionResult> PutMerchantsMerchantIdCustomersCustomerIdTags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "merchants/{merchantId}/customers/{customerId}/tags")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "PUT", "/api/merchants/{merchantId}/customers/{customerId}/tags", durable);

    [Function("GetMerchantsMerchantIdOrders")]
    public Task<IActionResult> GetMerchantsMerchantIdOrders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/orders")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/orders", durable);

    [Function("GetMerchantsMerchantIdOrdersOrderIdReservations")]
    public Task<IActionResult> GetMerchantsMerchantIdOrdersOrderIdReservations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/orders/{orderId}/reservations")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/orders/{orderId}/reservations", durable);

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

    [Function("PostMerchantsMerchantIdWebhookSecrets")]
    public Task<IActionResult> PostMerchantsMerchantIdWebhookSecrets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/webhook-secrets")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/webhook-secrets", durable);
}
