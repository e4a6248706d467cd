using System.Globalization;
using System.Security.Claims;
using Backoffice.Api.Auth;
using Backoffice.Api.OpenApi;
using Backoffice.Api.Problems;
using Backoffice.Api.Webhooks;
using Backoffice.Contracts;
using Backoffice.Contracts.Orders;
using Backoffice.Core.Common;
using Backoffice.Core.Customers;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Customers;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backoffice.Api.Orders;

/// <summary>Order detail, work queues and one endpoint per command.</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder api)
    {
        api.MapGet("/work/{stage}", WorkQueueAsync).RequireAuthorization(Policies.WorkQueues).WithTags("Work queues")
            .WithSummary("A stage's work queue across merchants, overdue first, paged.").Guarded().Reads<PageView<WorkItemView>>();

        var orders = api.MapGroup("/orders/{merchantId}/{orderId}").WithTags("Orders").Guarded();
        orders.MapGet("/", DetailAsync).RequireAuthorization(Policies.ReadOrders).WithSummary("Order detail with lines and the full timeline.").Reads<OrderView>();
        orders.MapPost("/confirm", (string merchantId, string orderId, HttpContext http, OrderCommands c) => c.RunAsync<ConfirmRequest>(merchantId, orderId, http, Confirm))
            .RequireAuthorization(Policies.Confirm).WithSummary("Confirm the order after the call, dropping lines the customer no longer wants; reserves stock.").Command<ConfirmRequest>()
            .WithExamples(OrderExamples.Confirm);
        orders.MapPost("/cancel", (string merchantId, string orderId, HttpContext http, OrderCommands c) => c.RunAsync<CancelRequest>(merchantId, orderId, http, Cancel))
            .RequireAuthorization(Policies.Cancel).WithSummary("Cancel the whole order, with a reason (and a note for 'other'); the department charged follows the reason unless named.").Command<CancelRequest>()
            .WithExamples(OrderExamples.Cancel);
        orders.MapPost("/cancel-lines", (string merchantId, string orderId, HttpContext http, OrderCommands c) => c.RunAsync<CancelLinesRequest>(merchantId, orderId, http, CancelLines))
            .RequireAuthorization(Policies.Cancel).WithSummary("Cancel some lines; the rest of the order goes on.").Command<CancelLinesRequest>()
            .WithExamples(OrderExamples.CancelLines);
        orders.MapPost("/pickup", (string merchantId, string orderId, HttpContext http, OrderCommands c) => c.RunAsync<PickupRequest>(merchantId, orderId, http, Pickup))
            .RequireAuthorization(Policies.Pickup).WithSummary("Record what was collected from suppliers, and the lines a supplier could not give.").Command<PickupRequest>()
            .WithExamples(OrderExamples.Pickup);
        orders.MapPost("/pack", (string merchantId, string orderId, HttpContext http, OrderCommands c) => c.RunAsync<PackRequest>(merchantId, orderId, http, Pack))
            .RequireAuthorization(Policies.Pack).WithSummary("Record the parcel packed, without the lines not found or damaged.").Command<PackRequest>()
            .WithExamples(OrderExamples.Pack);
        orders.MapPost("/dispatch", (string merchantId, string orderId, HttpContext http, OrderCommands c) => c.RunAsync<DispatchRequest>(merchantId, orderId, http, Dispatch))
            .RequireAuthorization(Policies.Deliver).WithSummary("Hand the parcel to a courier.").Command<DispatchRequest>()
            .WithExamples(OrderExamples.Dispatch);
        orders.MapPost("/delivery", (string merchantId, string orderId, HttpContext http, OrderCommands c) => c.RunAsync<DeliveryRequest>(merchantId, orderId, http, Delivery))
            .RequireAuthorization(Policies.Deliver).WithSummary("Record what happened at the door: accepted (all or some, with cash collected), refused, or customer absent.").Command<DeliveryRequest>()
            .WithExamples(OrderExamples.Delivery);
        orders.MapPost("/cash-handover", (string merchantId, string orderId, HttpContext http, OrderCommands c) => c.RunAsync<CashHandoverRequest>(merchantId, orderId, http, CashHandover))
            .RequireAuthorization(Policies.HandOverCash).WithSummary("Record the cash a courier hands over for the order.").Command<CashHandoverRequest>()
            .WithExamples(OrderExamples.CashHandover);

        api.MapGet("/merchants/{merchantId}/orders", MerchantOrdersAsync)
            .RequireAuthorization(Policies.ReadOrders).WithTags("Orders")
            .WithSummary("A merchant's orders, newest first, paged; with displayName, the orders the shop named so (\"#1047\" or \"1047\").")
            .Guarded().Reads<PageView<MerchantOrderView>>();
        api.MapGet("/reference/reasons", Reasons).RequireAuthorization(Policies.ReadOrders).WithTags("Reference")
            .WithSummary("Cancellation reasons allowed per stage, with the department each is charged to by default.")
            .Guarded().Reads<Dictionary<string, ReasonView[]>>();
        return api;
    }

    /// <summary>
    /// A command's contract: the body (carrying <c>expectedVersion</c>); 200 with the order as it now is; 409 refused by
    /// the order's rules and 412 for a stale version, both with the fresh order.
    /// </summary>
    private static RouteHandlerBuilder Command<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder.Writes<TRequest, OrderView>()
            .Produces<OrderCommandProblem>(StatusCodes.Status409Conflict, ProblemJson)
            .Produces<OrderCommandProblem>(StatusCodes.Status412PreconditionFailed, ProblemJson);

    private const string ProblemJson = "application/problem+json";

    internal static async Task<IResult> WorkQueueAsync(
        string stage, string? merchantId, int? pageSize, string? continuationToken, WorkQueueIndex index, OrderStore orders, MerchantStore merchants,
        CustomerStore customers, RefusalRisk risk, TimeProvider clock, CancellationToken ct)
    {
        if (!Enum.TryParse<Stage>(stage, ignoreCase: true, out var s) || s.IsTerminal() || !Enum.IsDefined(s) || int.TryParse(stage, out _))
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["stage"] = [$"Use one of: {string.Join(", ", StageFacts.Working)}."] }, StatusCodes.Status400BadRequest);
        }

        if (merchantId is not null && !MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["merchantId"] = ["Not a merchant id."] }, StatusCodes.Status400BadRequest);
        }

        if (pageSize is < 1 or > WorkQueueIndex.MaxPageSize)
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["pageSize"] = [$"From 1 to {WorkQueueIndex.MaxPageSize}."] }, StatusCodes.Status400BadRequest);
        }

        if (!Tokens.TryDecode(continuationToken, out var from))
        {
            return Tokens.Invalid();
        }

        var page = await index.PageAsync(s, merchantId, pageSize ?? 50, from, ct).ConfigureAwait(false);
        var rows = await WorkQueueView.RowsAsync(page.Items, clock.GetUtcNow(), orders, merchants, customers, risk, ct).ConfigureAwait(false);
        return Results.Ok(new PageView<WorkItemView>(rows, Tokens.Encode(page.ContinuationToken)));
    }

    internal static async Task<IResult> DetailAsync(
        string merchantId, string orderId, ClaimsPrincipal user, OrderStore store, MerchantStore merchants, TimeProvider clock, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || !OrderIds.IsWellFormed(orderId))
        {
            return Problems.Problems.NotFound("order");
        }

        var loaded = await store.LoadAsync(merchantId, orderId, ct).ConfigureAwait(false);
        if (loaded.State is not PlacedOrder order)
        {
            return Problems.Problems.NotFound("order");
        }

        var events = await store.EventsAsync(merchantId, orderId, ct).ConfigureAwait(false);
        // The merchant's IANA time zone, in which the console shows the order's times (cached: no extra read per view).
        var zone = (await merchants.FindForWebhookAsync(merchantId, ct).ConfigureAwait(false)).Merchant?.TimeZone ?? "UTC";
        return new VersionedResult(OrderViews.From(order, clock.GetUtcNow(), user, events) with { TimeZone = zone }, order.Version);
    }

    internal static async Task<IResult> MerchantOrdersAsync(
        string merchantId, int? pageSize, string? continuationToken, string? displayName, MerchantOrderIndex index, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.NotFound("merchant");
        }

        if (displayName is not null)
        {
            var errors = new FieldErrors();
            var name = errors.Identifier("displayName", displayName, OwnOrderFormat.MaxDisplayName);
            return name is null
                ? Problems.Problems.Validation(errors.ToDictionary(), StatusCodes.Status400BadRequest)
                : Results.Ok(new PageView<MerchantOrderView>((await index.FindByDisplayNameAsync(merchantId, name, ct: ct).ConfigureAwait(false)).Select(View).ToArray(), null));
        }

        if (pageSize is < 1 or > WorkQueueIndex.MaxPageSize)
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["pageSize"] = [$"From 1 to {WorkQueueIndex.MaxPageSize}."] }, StatusCodes.Status400BadRequest);
        }

        if (!Tokens.TryDecode(continuationToken, out var from))
        {
            return Tokens.Invalid();
        }

        var page = await index.PageAsync(merchantId, pageSize ?? 50, from, ct).ConfigureAwait(false);
        return Results.Ok(new PageView<MerchantOrderView>(page.Items.Select(View).ToArray(), Tokens.Encode(page.ContinuationToken)));
    }

    private static MerchantOrderView View(MerchantOrderEntry e) => new(e.MerchantId, e.OrderId, e.ExternalOrderId, e.PlacedAt, e.Stage, e.UpdatedAt, e.DisplayName);

    internal static IResult Reasons() => Results.Ok(StageFacts.Working.ToDictionary(
        s => s.ToString(),
        s => CancellationReasons.For(s).Select(r => new ReasonView(WireJson.Name(r), WireJson.Name(CancellationReasons.DefaultDepartment(r, s)))).ToArray()));

    private static OrderCommand? Confirm(ConfirmRequest r, FieldErrors e, Actor by, DateTimeOffset now)
    {
        var drops = Drops("droppedLines", r.DroppedLines, e, required: false);
        return e.Any ? null : new ConfirmOrder(drops, by, now);
    }

    private static OrderCommand? Cancel(CancelRequest r, FieldErrors e, Actor by, DateTimeOffset now)
    {
        var reason = e.Choice<CancellationReason>("reason", r.Reason);
        if (r.Reason is null)
        {
            e.Add("reason", "Required.");
        }

        var department = e.Choice<Department>("department", r.Department);
        var note = e.Text("note", r.Note, 500, required: reason == CancellationReason.Other);
        return e.Any ? null : new CancelOrder(reason!.Value, department, note, by, now);
    }

    private static OrderCommand? CancelLines(CancelLinesRequest r, FieldErrors e, Actor by, DateTimeOffset now)
    {
        var drops = Drops("lines", r.Lines, e, required: true);
        return e.Any ? null : new Core.Orders.CancelLines(drops, by, now);
    }

    private static OrderCommand? Pickup(PickupRequest r, FieldErrors e, Actor by, DateTimeOffset now)
    {
        var picked = new List<string>();
        for (var i = 0; i < (r.PickedUp?.Count ?? 0); i++)
        {
            if (e.Identifier($"pickedUp[{i}]", r.PickedUp![i], 10) is { } id)
            {
                picked.Add(id);
            }
        }

        var failed = Drops("failed", r.Failed, e, required: false);
        return e.Any ? null : new RecordPickup(picked, failed, by, now);
    }

    private static OrderCommand? Pack(PackRequest r, FieldErrors e, Actor by, DateTimeOffset now)
    {
        var failed = Drops("failedLines", r.FailedLines, e, required: false);
        return e.Any ? null : new RecordPacking(failed, by, now);
    }

    private static OrderCommand? Dispatch(DispatchRequest r, FieldErrors e, Actor by, DateTimeOffset now)
    {
        var courier = e.Identifier("courierId", r.CourierId, 64);
        return e.Any ? null : new DispatchToCourier(courier!, by, now);
    }

    private static OrderCommand? Delivery(DeliveryRequest r, FieldErrors e, Actor by, DateTimeOffset now)
    {
        var result = e.Choice<DeliveryResult>("result", r.Result);
        if (r.Result is null)
        {
            e.Add("result", "Required.");
        }

        var rejected = Drops("rejectedLines", r.RejectedLines, e, required: false);
        if (r.CashCollected is < 0 or > FieldErrors.MaxAmount)
        {
            e.Add("cashCollected", "Must be between 0 and 10^12 minor units.");
        }

        var note = e.Text("note", r.Note, 500, required: false);
        return e.Any ? null : new RecordDelivery(result!.Value, rejected, r.CashCollected, note, by, now);
    }

    private static OrderCommand? CashHandover(CashHandoverRequest r, FieldErrors e, Actor by, DateTimeOffset now)
    {
        var amount = e.Amount("amount", r.Amount);
        return e.Any ? null : new HandOverCash(amount, by, now);
    }

    private static List<LineDrop> Drops(string path, IReadOnlyList<LineDropRequest?>? items, FieldErrors e, bool required)
    {
        var result = new List<LineDrop>();
        if (items is null || items.Count == 0)
        {
            if (required)
            {
                e.Add(path, "Name at least one line.");
            }

            return result;
        }

        if (items.Count > OwnOrderFormat.MaxLines)
        {
            e.Add(path, $"At most {OwnOrderFormat.MaxLines} lines.");
            return result;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var p = $"{path}[{i}]";
            if (items[i] is not { } item)
            {
                e.Add(p, "Required.");
                continue;
            }

            var lineId = e.Identifier($"{p}.lineId", item.LineId, 10);
            var reason = e.Choice<CancellationReason>($"{p}.reason", item.Reason);
            if (item.Reason is null)
            {
                e.Add($"{p}.reason", "Required.");
            }

            var department = e.Choice<Department>($"{p}.department", item.Department);
            var note = e.Text($"{p}.note", item.Note, 500, required: reason == CancellationReason.Other);
            if (lineId is not null && reason is { } known)
            {
                result.Add(new LineDrop(lineId, known, department, note));
            }
        }

        return result;
    }
}

/// <summary>
/// Runs an operator command: validate the body (422 with field paths), then the one command path — decide against the
/// latest state, reserve stock when confirming, announce to the order's orchestration, commit — and answer with what
/// happened: 200 with the new state, 409 with the reason and the fresh state, 412 on a stale version, 404. The same
/// answer in both hosts: nothing is left to be decided after the response.
/// </summary>
public sealed class OrderCommands(OrderProcessor processor, TimeProvider clock)
{
    public delegate OrderCommand? Builder<in T>(T request, FieldErrors errors, Actor by, DateTimeOffset now);

    public async Task<IResult> RunAsync<T>(string merchantId, string orderId, HttpContext http, Builder<T> build)
        where T : class
    {
        if (!MerchantIds.IsValid(merchantId) || !OrderIds.IsWellFormed(orderId))
        {
            return Problems.Problems.NotFound("order");
        }

        var (request, problem) = await JsonBody.ReadAsync<T>(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var expected = ExpectedVersion(http.Request, request!, errors);
        var command = build(request!, errors, http.User.ToActor(), clock.GetUtcNow());
        if (command is null || errors.Any)
        {
            return Problems.Problems.Validation(errors.ToDictionary());
        }

        // The Functions host binds a Durable client per invocation and puts it here; the local host's is in DI.
        var outcome = await processor.ExecuteAsync(
            merchantId, orderId, command, expected, announce: true, via: http.Features.Get<IOrderEngine>(), ct: http.RequestAborted).ConfigureAwait(false);
        var view = outcome.State is { } s ? OrderViews.From(s, clock.GetUtcNow(), http.User) : null;
        return outcome.Kind switch
        {
            OutcomeKind.Applied => new VersionedResult(view!, outcome.State!.Version),
            OutcomeKind.NotFound => Problems.Problems.NotFound("order"),
            OutcomeKind.VersionMismatch => Problems.Problems.Stale(outcome.Rejection!.Message, view),
            _ => Problems.Problems.Conflict(outcome.Rejection!.Code, outcome.Rejection.Message, view),
        };
    }

    /// <summary>The client's version: an <c>If-Match: "N"</c> header or <c>expectedVersion</c> in the body (they must agree).</summary>
    private static int? ExpectedVersion<T>(HttpRequest request, T body, FieldErrors errors)
    {
        var fromBody = body?.GetType().GetProperty("ExpectedVersion")?.GetValue(body) as int?;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return fromBody;
        }

        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (!int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader))
        {
            errors.Add("If-Match", "Use the ETag of the order, e.g. \"7\".");
            return null;
        }

        if (fromBody is { } b && b != fromHeader)
        {
            errors.Add("expectedVersion", "Disagrees with If-Match.");
        }

        return fromHeader;
    }
}

/// <summary>200 with the body and an ETag carrying the order's version.</summary>
public sealed class VersionedResult(object body, int version) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.ETag = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
        return Results.Ok(body).ExecuteAsync(httpContext);
    }
}

/// <summary>
/// Continuation tokens travel as opaque URL-safe base64. Queries keep their partition filter, so a crafted token cannot
/// reach another merchant. A token this API did not give out is refused (400) rather than read as "from the start": a
/// client whose paging is broken would otherwise loop over the first page for ever.
/// </summary>
public static class Tokens
{
    public const string Parameter = "continuationToken";
    private const int MaxLength = 2000;
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Encode(string? token) =>
        token is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(token)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>No token (the first page) is valid and gives null; otherwise the token must be one <see cref="Encode"/> made.</summary>
    public static bool TryDecode(string? token, out string? decoded)
    {
        decoded = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        if (token.Length > MaxLength)
        {
            return false;
        }

        var b64 = token.Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - (b64.Length % 4)) % 4);
        var buffer = new byte[b64.Length];
        if (!Convert.TryFromBase64String(b64, buffer, out var n))
        {
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(buffer, 0, n);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }

        if (text.Length == 0 || text.Any(char.IsControl) || Encode(text) != token)
        {
            return false;
        }

        decoded = text;
        return true;
    }

    /// <summary>The answer to a token <see cref="TryDecode"/> refused.</summary>
    public static IResult Invalid() => Problems.Problems.Validation(
        new Dictionary<string, string[]> { [Parameter] = ["Not a continuation token this list gave out: ask for the first page without one."] },
        StatusCodes.Status400BadRequest);
}
