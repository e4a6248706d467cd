using Backoffice.Functions.Hosting;
using Backoffice.Functions.Orders;
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
        api.RunAsync(request, "GET", "/api/merchants", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantId")]
    public Task<IActionResult> GetMerchantsMerchantId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}", new DurableOrderWorkflowClient(durable));

    [Function("PutMerchantsMerchantId")]
    public Task<IActionResult> PutMerchantsMerchantId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "merchants/{merchantId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "PUT", "/api/merchants/{merchantId}", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantIdAvailability")]
    public Task<IActionResult> GetMerchantsMerchantIdAvailability(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/availability")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/availability", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantIdCustomers")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantIdCustomersByOrderOrderId")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomersByOrderOrderId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers/by-order/{orderId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers/by-order/{orderId}", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantIdCustomersExportCsv")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomersExportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers/export.csv")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers/export.csv", new DurableOrderWorkflowClient(durable));

    [Function("PostMerchantsMerchantIdCustomersSearch")]
    public Task<IActionResult> PostMerchantsMerchantIdCustomersSearch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/customers/search")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/customers/search", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantIdCustomersCustomerId")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomersCustomerId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers/{customerId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers/{customerId}", new DurableOrderWorkflowClient(durable));

    [Function("PostMerchantsMerchantIdCustomersCustomerIdCalls")]
    public Task<IActionResult> PostMerchantsMerchantIdCustomersCustomerIdCalls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/customers/{customerId}/calls")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/customers/{customerId}/calls", new DurableOrderWorkflowClient(durable));

    [Function("PostMerchantsMerchantIdCustomersCustomerIdErasure")]
    public Task<IActionResult> PostMerchantsMerchantIdCustomersCustomerIdErasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/customers/{customerId}/erasure")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/customers/{customerId}/erasure", new DurableOrderWorkflowClient(durable));

    [Function("PutMerchantsMerchantIdCustomersCustomerIdTags")]
    public Task<IActionResult> PutMerchantsMerchantIdCustomersCustomerIdTags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "merchants/{merchantId}/customers/{customerId}/tags")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "PUT", "/api/merchants/{merchantId}/customers/{customerId}/tags", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantIdOrders")]
    public Task<IActionResult> GetMerchantsMerchantIdOrders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/orders")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/orders", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantIdOrdersOrderIdReservations")]
    public Task<IActionResult> GetMerchantsMerchantIdOrdersOrderIdReservations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/orders/{orderId}/reservations")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/orders/{orderId}/reservations", new DurableOrderWorkflowClient(durable));

    [Function("PostMerchantsMerchantIdStockReturns")]
    public Task<IActionResult> PostMerchantsMerchantIdStockReturns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/stock/returns")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/stock/returns", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantIdStockSku")]
    public Task<IActionResult> GetMerchantsMerchantIdStockSku(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/stock/{sku}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/stock/{sku}", new DurableOrderWorkflowClient(durable));

    [Function("PostMerchantsMerchantIdStockSkuCounts")]
    public Task<IActionResult> PostMerchantsMerchantIdStockSkuCounts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/stock/{sku}/counts")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/stock/{sku}/counts", new DurableOrderWorkflowClient(durable));

    [Function("GetMerchantsMerchantIdStockSkuMovements")]
    public Task<IActionResult> GetMerchantsMerchantIdStockSkuMovements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/stock/{sku}/movements")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/stock/{sku}/movements", new DurableOrderWorkflowClient(durable));

    [Function("PostMerchantsMerchantIdStockSkuReceipts")]
    public Task<IActionResult> PostMerchantsMerchantIdStockSkuReceipts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/stock/{sku}/receipts")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/stock/{sku}/receipts", new DurableOrderWorkflowClient(durable));

    [Function("PostMerchantsMerchantIdWebhookSecrets")]
    public Task<IActionResult> PostMerchantsMerchantIdWebhookSecrets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/webhook-secrets")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/webhook-secrets", new DurableOrderWorkflowClient(durable));
}
