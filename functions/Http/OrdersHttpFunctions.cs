using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/orders/{merchantId}/{orderId} endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class OrdersHttpFunctions(ApiEndpoints api)
{
    [Function("GetOrdersMerchantIdOrderId")]
    public Task<IActionResult> GetOrdersMerchantIdOrderId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{merchantId}/{orderId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/orders/{merchantId}/{orderId}", durable);

    [Function("PostOrdersMerchantIdOrderIdCancel")]
    public Task<IActionResult> PostOrdersMerchantIdOrderIdCancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{merchantId}/{orderId}/cancel")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/orders/{merchantId}/{orderId}/cancel", durable);

    [Function("PostOrdersMerchantIdOrderIdCancelLines")]
    public Task<IActionResult> PostOrdersMerchantIdOrderIdCancelLines(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{merchantId}/{orderId}/cancel-lines")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/orders/{merchantId}/{orderId}/cancel-lines", durable);

    [Function("PostOrdersMerchantIdOrderIdCashHandover")]
    public Task<IActionResult> PostOrdersMerchantIdOrderIdCashHandover(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{merchantId}/{orderId}/cash-handover")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/orders/{merchantId}/{orderId}/cash-handover", durable);

    [Function("PostOrdersMerchantIdOrderIdConfirm")]
    public Task<IActionResult> PostOrdersMerchantIdOrderIdConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{merchantId}/{orderId}/confirm")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/orders/{merchantId}/{orderId}/confirm", durable);

    [Function("PostOrdersMerchantIdOrderIdDelivery")]
    public Task<IActionResult> PostOrdersMerchantIdOrderIdDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{merchantId}/{orderId}/delivery")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/orders/{merchantId}/{orderId}/delivery", durable);

    [Function("PostOrdersMerchantIdOrderIdDispatch")]
    public Task<IActionResult> PostOrdersMerchantIdOrderIdDispatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{merchantId}/{orderId}/dispatch")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/orders/{merchantId}/{orderId}/dispatch", durable);

    [Function("PostOrdersMerchantIdOrderIdPack")]
    public Task<IActionResult> PostOrdersMerchantIdOrderIdPack(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{merchantId}/{orderId}/pack")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/orders/{merchantId}/{orderId}/pack", durable);

    [Function("PostOrdersMerchantIdOrderIdPickup")]
    public Task<IActionResult> PostOrdersMerchantIdOrderIdPickup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{merchantId}/{orderId}/pickup")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/orders/{merchantId}/{orderId}/pickup", durable);
}
