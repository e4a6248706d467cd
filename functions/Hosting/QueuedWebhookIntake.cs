using Backoffice.Api.Webhooks;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Backoffice.Functions.Hosting;

/// <summary>
/// Order intake in Azure: the API's own checks (<see cref="WebhookIntake.ValidateAsync"/>: merchant, size, signature,
/// media type, shape, fields), then the order goes onto the intake queue and the storefront gets 202 once the queue has
/// it. An order already in the read model answers 200 with the same reference and is not queued again; the queue's
/// duplicate detection (message id = instance id) and the deterministic instance id cover the rest.
/// </summary>
public sealed class QueuedWebhookIntake(WebhookIntake intake, OrderStore orders, IOrderIntakeQueue queue, TimeProvider clock, ILogger<QueuedWebhookIntake> logger)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string merchantId, WebhookFormat format)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.HttpContext;
        var (problem, order) = await intake.ValidateAsync(merchantId, format, request, http.RequestAborted).ConfigureAwait(false);
        var result = problem ?? await QueueAsync(order!, http.RequestAborted).ConfigureAwait(false);
        await result.ExecuteAsync(http).ConfigureAwait(false);
        return new EmptyResult();
    }

    private async Task<IResult> QueueAsync(ValidatedOrder order, CancellationToken ct)
    {
        var accepted = new WebhookAccepted(order.MerchantId, order.OrderId, order.Draft.ExternalOrderId, Created: false);
        var location = $"/api/orders/{order.MerchantId}/{order.OrderId}";
        if ((await orders.LoadAsync(order.MerchantId, order.OrderId, ct).ConfigureAwait(false)).State is PlacedOrder)
        {
            return Results.Ok(accepted);
        }

        await queue.EnqueueAsync(order.ToCommand(clock.GetUtcNow()), ct).ConfigureAwait(false);
        logger.LogInformation("Order {OrderId} for {MerchantId} from {Channel} queued for its workflow", order.OrderId, order.MerchantId, order.By.Channel);
        return Results.Accepted(location, accepted with { Created = true });
    }
}
