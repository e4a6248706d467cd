using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/webhooks/{merchantId} endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class WebhooksHttpFunctions(ApiEndpoints api)
{
    [Function("PostWebhooksMerchantIdOrders")]
    public Task<IActionResult> PostWebhooksMerchantIdOrders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{merchantId}/orders")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/webhooks/{merchantId}/orders", durable);

    [Function("PostWebhooksMerchantIdShopify")]
    public Task<IActionResult> PostWebhooksMerchantIdShopify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{merchantId}/shopify")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/webhooks/{merchantId}/shopify", durable);

    [Function("PostWebhooksMerchantIdTraffic")]
    public Task<IActionResult> PostWebhooksMerchantIdTraffic(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{merchantId}/traffic")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/webhooks/{merchantId}/traffic", durable);

    [Function("PostWebhooksMerchantIdWoocommerce")]
    public Task<IActionResult> PostWebhooksMerchantIdWoocommerce(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{merchantId}/woocommerce")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/webhooks/{merchantId}/woocommerce", durable);
}
