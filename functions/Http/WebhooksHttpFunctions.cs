using Backoffice.Api.Webhooks;
using Backoffice.Functions.Hosting;
using Backoffice.Functions.Orders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>Storefront webhooks: orders pass the API's checks and are queued for their orchestration (202); other webhooks go to the API's handlers.</summary>
public sealed class WebhooksHttpFunctions(ApiEndpoints api, QueuedWebhookIntake intake)
{
    [Function("PostWebhooksMerchantIdOrders")]
    public Task<IActionResult> PostWebhooksMerchantIdOrders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{merchantId}/orders")] HttpRequest request, string merchantId) =>
        intake.HandleAsync(request, merchantId, WebhookFormat.Own);

    [Function("PostWebhooksMerchantIdShopify")]
    public Task<IActionResult> PostWebhooksMerchantIdShopify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{merchantId}/shopify")] HttpRequest request, string merchantId) =>
        intake.HandleAsync(request, merchantId, WebhookFormat.Shopify);

    [Function("PostWebhooksMerchantIdTraffic")]
    public Task<IActionResult> PostWebhooksMerchantIdTraffic(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{merchantId}/traffic")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/webhooks/{merchantId}/traffic", new DurableOrderWorkflowClient(durable));

    [Function("PostWebhooksMerchantIdWoocommerce")]
    public Task<IActionResult> PostWebhooksMerchantIdWoocommerce(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{merchantId}/woocommerce")] HttpRequest request, string merchantId) =>
        intake.HandleAsync(request, merchantId, WebhookFormat.WooCommerce);
}
