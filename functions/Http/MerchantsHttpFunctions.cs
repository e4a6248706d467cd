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

    [Function("PostMerchantsMerchantIdStatusSecrets")]
    public Task<IActionResult> PostMerchantsMerchantIdStatusSecrets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/status-secrets")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/status-secrets", durable);

    [Function("PostMerchantsMerchantIdWebhookSecrets")]
    public Task<IActionResult> PostMerchantsMerchantIdWebhookSecrets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/webhook-secrets")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/webhook-secrets", durable);
}
