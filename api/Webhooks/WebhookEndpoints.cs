using Backoffice.Api.Abuse;
using Backoffice.Api.OpenApi;
using System.Text.Json;
using Backoffice.Api.Problems;
using Backoffice.Core.Common;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Backoffice.Api.Webhooks;

public enum WebhookFormat
{
    Own,
    Shopify,
    WooCommerce,
}

/// <summary>What a storefront gets back: the order reference, the same however often it sends the order.</summary>
public sealed record WebhookAccepted(string MerchantId, string OrderId, string ExternalOrderId, bool Created);

/// <summary>
/// Order intake. The checks run cheapest-first and nothing is stored until every one passed; the 2xx is sent only
/// after the order is committed. The order id derives from (merchant, external id), so redeliveries and replays of
/// the same order, whatever their delivery id, meet the same row and get the same reference.
/// </summary>
public static class WebhookEndpoints
{
    public const int BodyLimit = 1024 * 1024;

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder api)
    {
        var hooks = api.MapGroup("/webhooks/{merchantId}").AllowAnonymous().WithTags("Webhooks");
        hooks.MapPost("/orders", (string merchantId, HttpContext http, WebhookIntake intake) => intake.HandleAsync(merchantId, WebhookFormat.Own, http))
            .WithName("OrderWebhook").WithSummary("Our own order format, signed per Standard Webhooks.").Intake<OwnOrderPayload, WebhookAccepted>()
            .WithExamples(WebhookExamples.Own);
        hooks.MapPost("/shopify", (string merchantId, HttpContext http, WebhookIntake intake) => intake.HandleAsync(merchantId, WebhookFormat.Shopify, http))
            .WithName("ShopifyWebhook").WithSummary("Shopify orders/create, X-Shopify-Hmac-Sha256.").Intake<ShopifyOrder, WebhookAccepted>()
            .WithExamples(WebhookExamples.Shopify);
        hooks.MapPost("/woocommerce", (string merchantId, HttpContext http, WebhookIntake intake) => intake.HandleAsync(merchantId, WebhookFormat.WooCommerce, http))
            .WithName("WooCommerceWebhook").WithSummary("WooCommerce order.created, X-WC-Webhook-Signature.").Intake<WooOrder, WebhookAccepted>()
            .WithExamples(WebhookExamples.WooCommerce);
        return api;
    }
}

/// <summary>Verifies, validates and places an order from a webhook. Separate from routing so the Functions host reuses it.</summary>
public sealed class WebhookIntake(
    MerchantStore merchants, OrderProcessor processor, TimeProvider clock, ILogger<WebhookIntake> logger, RefusedSignatureLog refusals, IEnumerable<IOrderEngine> engines)
{
    private static readonly JsonSerializerOptions ForeignFormat = new(JsonBody.Options) { PropertyNameCaseInsensitive = false };

    public async Task<IResult> HandleAsync(string merchantId, WebhookFormat format, HttpContext http)
    {
        var (problem, order) = await ValidateAsync(merchantId, format, http.Request, http.RequestAborted).ConfigureAwait(false);
        return problem ?? await PlaceAsync(order!, http.RequestAborted, http.Features.Get<IOrderEngine>()).ConfigureAwait(false);
    }

    /// <summary>
    /// Every check short of storing: merchant, size, signature, media type, JSON shape, field validation. Returns the
    /// problem to answer with, or the order ready to place.
    /// </summary>
    public async Task<(IResult? Problem, ValidatedOrder? Order)> ValidateAsync(string merchantId, WebhookFormat format, HttpRequest request, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId))
        {
            return (Problems.Problems.UnknownMerchant(), null);
        }

        var body = await JsonBody.ReadLimitedAsync(request, WebhookEndpoints.BodyLimit, ct).ConfigureAwait(false);
        if (body is null)
        {
            return (Problems.Problems.TooLarge(WebhookEndpoints.BodyLimit), null);
        }

        var (merchant, secrets) = await merchants.FindForWebhookAsync(merchantId, ct).ConfigureAwait(false);
        if (merchant is null || !merchant.Active || secrets is null)
        {
            return (Problems.Problems.UnknownMerchant(), null);
        }

        var headers = request.Headers;
        var signatureProblem = format switch
        {
            WebhookFormat.Own => WebhookSignatures.VerifyStandard(
                Single(headers["webhook-id"]), Single(headers["webhook-timestamp"]), Single(headers["webhook-signature"]), body, secrets.Inbound, clock.GetUtcNow()),
            WebhookFormat.Shopify => WebhookSignatures.VerifyBodyHmac(Single(headers["X-Shopify-Hmac-Sha256"]), body, secrets.Inbound, "X-Shopify-Hmac-Sha256"),
            _ => WebhookSignatures.VerifyBodyHmac(Single(headers["X-WC-Webhook-Signature"]), body, secrets.Inbound, "X-WC-Webhook-Signature"),
        };
        if (signatureProblem is not null)
        {
            refusals.Refused(merchantId, $"{format} order webhook", signatureProblem);
            return (Problems.Problems.Signature(signatureProblem), null);
        }

        if (!JsonBody.IsJson(request))
        {
            return (Problems.Problems.UnsupportedMediaType(), null);
        }

        var errors = new FieldErrors();
        OrderDraft? draft;
        IResult? problem;
        switch (format)
        {
            case WebhookFormat.Own:
                (var own, problem) = JsonBody.Parse<OwnOrderPayload>(body);
                draft = own is null ? null : OwnOrderFormat.ToDraft(own, merchant, errors);
                break;
            case WebhookFormat.Shopify:
                (var shopify, problem) = JsonBody.Parse<ShopifyOrder>(body, ForeignFormat);
                draft = shopify is null ? null : ShopifyFormat.ToDraft(shopify, merchant, errors);
                break;
            default:
                (var woo, problem) = JsonBody.Parse<WooOrder>(body, ForeignFormat);
                draft = woo is null ? null : WooCommerceFormat.ToDraft(woo, merchant, errors);
                break;
        }

        if (problem is not null)
        {
            return (problem, null);
        }

        if (draft is null)
        {
            return (Problems.Problems.Validation(errors.ToDictionary()), null);
        }

        var orderId = OrderIds.For(merchantId, draft.ExternalOrderId);
        var by = new Actor($"storefront:{merchantId}", "storefront", $"webhook:{format.ToString().ToLowerInvariant()}");
        return (null, new ValidatedOrder(merchantId, orderId, draft, merchant.Deadlines, by));
    }

    /// <summary>
    /// Places the order, then starts its orchestration under the deterministic instance id: 201 the first time, 200 with
    /// the same reference on every repeat. The storefront's 2xx comes only after both are durable. Killed between the
    /// two, the storefront got no answer and redelivers: the order is found (200) and its orchestration started if it is
    /// missing, so no accepted order is ever without its engine. With an engine, the placement's outbox (work queue,
    /// merchant list, customer link, KPI feed, status) is left to the orchestration's first activity, a moment later:
    /// the storefront waits for the commit and the start only. Without one (test hosts), it runs inline.
    /// </summary>
    public async Task<IResult> PlaceAsync(ValidatedOrder order, CancellationToken ct, IOrderEngine? via = null)
    {
        var engine = via ?? engines.FirstOrDefault();
        var outcome = await processor.PlaceAsync(
            order.MerchantId, order.OrderId, _ => order.ToCommand(clock.GetUtcNow()), ct, dispatchInline: engine is null).ConfigureAwait(false);
        var accepted = new WebhookAccepted(order.MerchantId, order.OrderId, order.Draft.ExternalOrderId, outcome.Kind == OutcomeKind.Applied && outcome.Created);
        if (outcome.Kind == OutcomeKind.Applied)
        {
            if (engine is not null)
            {
                await engine.StartAsync(order.MerchantId, order.OrderId, mayExist: !outcome.Created, ct).ConfigureAwait(false);
            }

            logger.LogInformation("Order {OrderId} placed for {MerchantId} from {Channel}", order.OrderId, order.MerchantId, order.By.Channel);
            return Results.Created($"/api/orders/{order.MerchantId}/{order.OrderId}", accepted);
        }

        if (outcome.Rejection?.Code == Rejection.AlreadyPlaced)
        {
            if (engine is not null)
            {
                await engine.StartAsync(order.MerchantId, order.OrderId, mayExist: true, ct).ConfigureAwait(false);
            }

            return Results.Ok(accepted with { Created = false });
        }

        return Problems.Problems.Of(StatusCodes.Status422UnprocessableEntity, outcome.Rejection?.Code ?? "rejected", "The order was refused.", outcome.Rejection?.Message);
    }

    /// <summary>A header that appears more than once is ambiguous and is treated as absent.</summary>
    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;
}

/// <summary>An order that passed every webhook check, ready for <see cref="WebhookIntake.PlaceAsync"/>.</summary>
public sealed record ValidatedOrder(string MerchantId, string OrderId, OrderDraft Draft, DeadlinePolicy Policy, Actor By)
{
    public PlaceOrder ToCommand(DateTimeOffset now) => new(MerchantId, OrderId, Draft, Policy, By, now);
}
