using System.Globalization;
using System.Security.Claims;
using Backoffice.Api.Auth;
using Backoffice.Api.Orders;
using Backoffice.Api.Problems;
using Backoffice.Api.Webhooks;
using Backoffice.Contracts.Stock;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Core.Stock;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Stock;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backoffice.Api.Stock;

/// <summary>
/// Storefront availability (merchant token), the warehouse's view of a SKU, and the warehouse entries that move goods
/// in: receipts, counts and returns of refused parcels. Goods leave through the order flow (packing), not by hand.
/// </summary>
public static class StockEndpoints
{
    public const int DefaultPageSize = 100;
    private const int MaxSkuLength = 64;

    public static void Map(IEndpointRouteBuilder api)
    {
        var merchant = api.MapGroup("/merchants/{merchantId}").WithTags("Stock").Guarded();
        merchant.MapGet("/availability", AvailabilityAsync).RequireAuthorization(Policies.ReadStock)
            .WithSummary("What storefronts may promise: available units per SKU, in change order, paged; changedSince filters.").Reads<AvailabilityPage>();
        merchant.MapGet("/stock/{sku}", BalanceAsync).RequireAuthorization(Policies.ReadStock)
            .WithSummary("A SKU's stock: on hand, reserved, available, shortfall.").Reads<StockBalanceView>();
        merchant.MapGet("/stock/{sku}/movements", MovementsAsync).RequireAuthorization(Policies.ReadStock)
            .WithSummary("A SKU's movements, newest first: kind, quantity, reason, order line, who, when.").Reads<MovementPage>();
        merchant.MapPost("/stock/{sku}/receipts", ReceiptAsync).RequireAuthorization(Policies.ManageStock)
            .WithSummary("Record goods received into stock.").Writes<ReceiptRequest, StockEntryView>();
        merchant.MapPost("/stock/{sku}/counts", CountAsync).RequireAuthorization(Policies.ManageStock)
            .WithSummary("Record a stock count: on hand becomes the counted quantity.").Writes<CountRequest, StockEntryView>();
        merchant.MapPost("/stock/returns", ReturnAsync).RequireAuthorization(Policies.ManageStock)
            .WithSummary("Put the lines of a refused or rejected parcel back into stock (once per line).").Writes<ReturnRequest, ReturnView>();
        merchant.MapGet("/orders/{orderId}/reservations", ReservationsAsync).RequireAuthorization(Policies.ReadStock)
            .WithSummary("What the warehouse holds for each line of an order, and what is still to fetch from suppliers.").Reads<ReservationView[]>();
    }

    internal static async Task<IResult> AvailabilityAsync(
        string merchantId, string? changedSince, int? pageSize, string? continuationToken, StockLedger ledger, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.NotFound("merchant");
        }

        var errors = new FieldErrors();
        DateTimeOffset? since = null;
        if (changedSince is not null)
        {
            if (DateTimeOffset.TryParse(changedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                since = parsed;
            }
            else
            {
                errors.Add("changedSince", "An ISO 8601 time, e.g. 2026-11-16T09:00:00Z.");
            }
        }

        CheckPageSize(pageSize, errors);
        if (errors.Any)
        {
            return Problems.Problems.Validation(errors.ToDictionary(), StatusCodes.Status400BadRequest);
        }

        if (!Tokens.TryDecode(continuationToken, out var from))
        {
            return Tokens.Invalid();
        }

        var page = await ledger.AvailabilityAsync(merchantId, since, pageSize ?? DefaultPageSize, from, ct).ConfigureAwait(false);
        var items = page.Items.Select(StockViews.Balance).ToArray();
        return Results.Ok(new AvailabilityPage(items, Tokens.Encode(page.ContinuationToken), items.Length == 0 ? null : items.Max(i => i.ChangedAt)));
    }

    internal static async Task<IResult> BalanceAsync(string merchantId, string sku, StockLedger ledger, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || Sku(sku) is not { } s)
        {
            return Problems.Problems.NotFound("SKU");
        }

        var balance = await ledger.GetAsync(merchantId, s, ct).ConfigureAwait(false);
        return balance is null ? Problems.Problems.NotFound("SKU") : Results.Ok(StockViews.Balance(balance));
    }

    internal static async Task<IResult> MovementsAsync(
        string merchantId, string sku, int? pageSize, string? continuationToken, StockLedger ledger, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || Sku(sku) is not { } s)
        {
            return Problems.Problems.NotFound("SKU");
        }

        var errors = new FieldErrors();
        CheckPageSize(pageSize, errors);
        if (errors.Any)
        {
            return Problems.Problems.Validation(errors.ToDictionary(), StatusCodes.Status400BadRequest);
        }

        if (!Tokens.TryDecode(continuationToken, out var from))
        {
            return Tokens.Invalid();
        }

        var page = await ledger.MovementsAsync(merchantId, s, pageSize ?? DefaultPageSize, from, ct).ConfigureAwait(false);
        return Results.Ok(new MovementPage(page.Items.Select(StockViews.Movement).ToArray(), Tokens.Encode(page.ContinuationToken)));
    }

    internal static async Task<IResult> ReceiptAsync(
        string merchantId, string sku, HttpRequest request, ClaimsPrincipal user, StockLedger ledger, MerchantStore merchants, CancellationToken ct)
    {
        var (body, problem) = await ReadForMerchantAsync<ReceiptRequest>(merchantId, request, merchants, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var e = new FieldErrors();
        var s = SkuField(sku, e);
        var quantity = Quantity(e, "quantity", body!.Quantity, min: 1);
        var name = e.Text("name", body.Name, 200, required: false);
        var note = e.Text("note", body.Note, 500, required: false);
        var movementId = e.Identifier("movementId", body.MovementId, 100, required: false);
        if (e.Any)
        {
            return Problems.Problems.Validation(e.ToDictionary());
        }

        var result = await ledger.ReceiveAsync(merchantId, s!, quantity, name, note, movementId, user.ToActor(), ct).ConfigureAwait(false);
        return Results.Ok(new StockEntryView(StockViews.Balance(result.Balance), result.Duplicate));
    }

    internal static async Task<IResult> CountAsync(
        string merchantId, string sku, HttpRequest request, ClaimsPrincipal user, StockLedger ledger, MerchantStore merchants, CancellationToken ct)
    {
        var (body, problem) = await ReadForMerchantAsync<CountRequest>(merchantId, request, merchants, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var e = new FieldErrors();
        var s = SkuField(sku, e);
        var counted = Quantity(e, "counted", body!.Counted, min: 0);
        var note = e.Text("note", body.Note, 500, required: false);
        var movementId = e.Identifier("movementId", body.MovementId, 100, required: false);
        if (e.Any)
        {
            return Problems.Problems.Validation(e.ToDictionary());
        }

        var result = await ledger.CountAsync(merchantId, s!, counted, note, movementId, user.ToActor(), ct).ConfigureAwait(false);
        return Results.Ok(new StockEntryView(StockViews.Balance(result.Balance), result.Duplicate));
    }

    internal static async Task<IResult> ReturnAsync(
        string merchantId, HttpRequest request, ClaimsPrincipal user, StockLedger ledger, MerchantStore merchants, OrderStore orders, CancellationToken ct)
    {
        var (body, problem) = await ReadForMerchantAsync<ReturnRequest>(merchantId, request, merchants, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var e = new FieldErrors();
        if (!OrderIds.IsWellFormed(body!.OrderId))
        {
            e.Add("orderId", "An order id, e.g. ORD-0123456789AB.");
        }

        var note = e.Text("note", body.Note, 500, required: false);
        var requested = new List<(string LineId, int? Quantity)>();
        if (body.Lines is not { Count: > 0 and <= OwnOrderFormat.MaxLines })
        {
            e.Add("lines", $"Name 1 to {OwnOrderFormat.MaxLines} lines.");
        }
        else
        {
            for (var i = 0; i < body.Lines.Count; i++)
            {
                var lineId = e.Identifier($"lines[{i}].lineId", body.Lines[i]?.LineId, 10);
                int? quantity = body.Lines[i]?.Quantity is { } q ? Quantity(e, $"lines[{i}].quantity", q, min: 1) : null;
                if (lineId is not null && requested.Any(r => r.LineId == lineId))
                {
                    e.Add($"lines[{i}].lineId", "Named twice.");
                }
                else if (lineId is not null)
                {
                    requested.Add((lineId, quantity));
                }
            }
        }

        if (e.Any)
        {
            return Problems.Problems.Validation(e.ToDictionary());
        }

        if ((await orders.LoadAsync(merchantId, body.OrderId!, ct).ConfigureAwait(false)).State is not PlacedOrder order)
        {
            return Problems.Problems.NotFound("order");
        }

        var lines = new List<(OrderLine Line, int Quantity)>();
        for (var i = 0; i < requested.Count; i++)
        {
            var (lineId, quantity) = requested[i];
            if (order.FindLine(lineId) is not { } line)
            {
                e.Add($"lines[{i}].lineId", "Not a line of this order.");
            }
            else if (line.IsLive || line.Cancellation?.Stage != Stage.Delivery)
            {
                e.Add($"lines[{i}].lineId", $"Only lines that came back from the door can be returned; this one is {line.Status}.");
            }
            else if (quantity > line.Line.Quantity)
            {
                e.Add($"lines[{i}].quantity", $"The line has {line.Line.Quantity} units.");
            }
            else
            {
                lines.Add((line.Line, quantity ?? line.Line.Quantity));
            }
        }

        if (e.Any)
        {
            return Problems.Problems.Validation(e.ToDictionary());
        }

        var result = new List<ReturnedLineView>();
        foreach (var (line, quantity) in lines)
        {
            var (outcome, balance) = await ledger.ReturnAsync(merchantId, order.OrderId, line, quantity, note, user.ToActor(), ct).ConfigureAwait(false);
            result.Add(new ReturnedLineView(line.LineId, line.Sku, quantity, outcome == ReturnOutcome.AlreadyReturned, balance is null ? null : StockViews.Balance(balance)));
        }

        return Results.Ok(new ReturnView(order.OrderId, result));
    }

    internal static async Task<IResult> ReservationsAsync(string merchantId, string orderId, StockLedger ledger, OrderStore orders, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || !OrderIds.IsWellFormed(orderId))
        {
            return Problems.Problems.NotFound("order");
        }

        var reservations = await ledger.ReservationsAsync(merchantId, orderId, ct).ConfigureAwait(false);
        // No reservations: an order not yet confirmed, or no order of this merchant at all (404, like the other order routes).
        if (reservations.Count == 0 && (await orders.LoadAsync(merchantId, orderId, ct).ConfigureAwait(false)).State is not PlacedOrder)
        {
            return Problems.Problems.NotFound("order");
        }

        return Results.Ok(reservations.Select(StockViews.Reservation).ToArray());
    }

    /// <summary>Route values arrive decoded except for an encoded slash, which SKUs may contain.</summary>
    private static string? Sku(string? routeValue)
    {
        var sku = routeValue?.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        // The same rule as a webhook line's SKU: no control, direction-override or invisible formatting characters.
        return sku is { Length: > 0 and <= MaxSkuLength } && sku.Trim() == sku && !FieldErrors.HasForbiddenCharacters(sku)
            && !sku.Any(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) ? sku : null;
    }

    private static string? SkuField(string routeValue, FieldErrors e)
    {
        var sku = Sku(routeValue);
        if (sku is null)
        {
            e.Add("sku", $"1 to {MaxSkuLength} printable characters.");
        }

        return sku;
    }

    private static int Quantity(FieldErrors e, string path, int? value, int min)
    {
        if (value is null)
        {
            e.Add(path, "Required.");
            return 0;
        }

        if (value < min || value > StockRules.MaxQuantity)
        {
            e.Add(path, $"A whole number from {min} to {StockRules.MaxQuantity}.");
            return 0;
        }

        return value.Value;
    }

    private static void CheckPageSize(int? pageSize, FieldErrors e)
    {
        if (pageSize is < 1 or > StockLedger.MaxPageSize)
        {
            e.Add("pageSize", $"From 1 to {StockLedger.MaxPageSize}.");
        }
    }

    /// <summary>Warehouse entries are for merchants we know: stock is never created under an id nobody registered.</summary>
    private static async Task<(T? Body, IResult? Problem)> ReadForMerchantAsync<T>(string merchantId, HttpRequest request, MerchantStore merchants, CancellationToken ct)
        where T : class
    {
        if (!MerchantIds.IsValid(merchantId) || await merchants.FindAsync(merchantId, ct).ConfigureAwait(false) is null)
        {
            return (null, Problems.Problems.UnknownMerchant());
        }

        return await JsonBody.ReadAsync<T>(request, ct).ConfigureAwait(false);
    }
}
