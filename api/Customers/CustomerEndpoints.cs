using System.Globalization;
using System.Security.Claims;
using Backoffice.Api.Auth;
using Backoffice.Api.Orders;
using Backoffice.Api.Problems;
using Backoffice.Api.Webhooks;
using Backoffice.Contracts;
using Backoffice.Contracts.Customers;
using Backoffice.Core.Customers;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Customers;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backoffice.Api.Customers;

/// <summary>
/// A merchant's customer base: search and list, the profile, the confirmation brief for an order, the contact log,
/// tags, CSV export and erasure. Every route is under the merchant, and every read stays in its partition.
/// </summary>
public static class CustomerEndpoints
{
    public const int DefaultPageSize = 50;
    private const int Recent = 20;

    public static void Map(IEndpointRouteBuilder api)
    {
        var customers = api.MapGroup("/merchants/{merchantId}/customers").WithTags("Customers").Guarded();
        customers.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadCustomers)
            .WithSummary("Every customer of the merchant, paged.").Reads<CustomerPage>();

        // A POST so phone numbers and names never appear in URLs, which request logs and telemetry record.
        customers.MapPost("/search", SearchAsync).RequireAuthorization(Policies.ReadCustomers)
            .WithSummary("Customers by the start of a phone number or of a name, paged.").Writes<CustomerSearchRequest, CustomerPage>();
        customers.MapGet("/export.csv", Export).RequireAuthorization(CustomerPolicies.Export)
            .WithSummary("The whole customer base as CSV.").Downloads(ApiContract.Csv);
        customers.MapGet("/by-order/{orderId}", ByOrderAsync).RequireAuthorization(Policies.ReadCustomers)
            .WithSummary("For confirming an order: the customer's history, and a flag on cash-on-delivery orders from frequent refusers.").Reads<ConfirmationBrief>();
        customers.MapGet("/{customerId}", ProfileAsync).RequireAuthorization(Policies.ReadCustomers)
            .WithSummary("A customer's profile with recent orders and calls.").Reads<CustomerProfileView>();
        customers.MapPost("/{customerId}/calls", RecordCallAsync).RequireAuthorization(CustomerPolicies.RecordCalls)
            .WithSummary("Log a call attempt: outcome and note.").Writes<CallRequest, CallView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        customers.MapPut("/{customerId}/tags", TagsAsync).RequireAuthorization(CustomerPolicies.Tag)
            .WithSummary("Replace the customer's tags.").Writes<TagsRequest, CustomerListItem>().ProducesProblem(StatusCodes.Status409Conflict);
        customers.MapPost("/{customerId}/erasure", EraseAsync).RequireAuthorization(CustomerPolicies.Erase)
            .WithSummary("Erase the customer's personal data; orders and money stay.").Acts<ErasureView>().ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<IResult> ListAsync(
        string merchantId, int? pageSize, string? continuationToken, CustomerStore store, RefusalRisk risk, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.NotFound("merchant");
        }

        if (pageSize is < 1 or > CustomerStore.MaxPageSize)
        {
            return Problems.Problems.Validation(
                new Dictionary<string, string[]> { ["pageSize"] = [$"From 1 to {CustomerStore.MaxPageSize}."] }, StatusCodes.Status400BadRequest);
        }

        return await PageAsync(store, risk, merchantId, new CustomerQuery(null, null), pageSize, continuationToken, ct).ConfigureAwait(false);
    }

    internal static async Task<IResult> SearchAsync(string merchantId, HttpRequest request, CustomerStore store, RefusalRisk risk, MerchantStore merchants, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.NotFound("merchant");
        }

        var (body, problem) = await JsonBody.ReadAsync<CustomerSearchRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var e = new FieldErrors();
        string? phonePrefix = null, namePrefix = null;
        if ((body!.Phone is null) == (body.Name is null))
        {
            e.Add("phone", "Search by phone or by name (one of the two).");
        }
        else if (body.Phone is not null
            && (phonePrefix = Phones.SearchPrefix(body.Phone, (await merchants.FindForWebhookAsync(merchantId, ct).ConfigureAwait(false)).Merchant?.Region)) is null)
        {
            // National input ("8 912 345") is read in the merchant's region, the way its customers dial.
            e.Add("phone", "The start of a phone number: international (+7912…) or as dialled in the merchant's region (8 912…).");
        }
        else if (body.Name is not null && (namePrefix = CustomerNames.Normalise(body.Name)) is not { Length: > 0 })
        {
            e.Add("name", "Letters or digits of a name.");
        }

        if (body.PageSize is < 1 or > CustomerStore.MaxPageSize)
        {
            e.Add("pageSize", $"From 1 to {CustomerStore.MaxPageSize}.");
        }

        return e.Any
            ? Problems.Problems.Validation(e.ToDictionary())
            : await PageAsync(store, risk, merchantId, new CustomerQuery(phonePrefix, namePrefix), body.PageSize, body.ContinuationToken, ct).ConfigureAwait(false);
    }

    private static async Task<IResult> PageAsync(
        CustomerStore store, RefusalRisk risk, string merchantId, CustomerQuery query, int? pageSize, string? continuationToken, CancellationToken ct)
    {
        if (!Tokens.TryDecode(continuationToken, out var from))
        {
            return Tokens.Invalid();
        }

        var page = await store.SearchAsync(merchantId, query, pageSize ?? DefaultPageSize, from, ct).ConfigureAwait(false);
        return Results.Ok(new CustomerPage(page.Items.Select(p => CustomerViews.ListItem(p, risk)).ToArray(), Tokens.Encode(page.ContinuationToken)));
    }

    internal static async Task<IResult> ProfileAsync(string merchantId, string customerId, CustomerStore store, RefusalRisk risk, CancellationToken ct)
    {
        var view = MerchantIds.IsValid(merchantId) && CustomerIds.IsWellFormed(customerId)
            ? await ProfileViewAsync(store, risk, merchantId, customerId, ct).ConfigureAwait(false)
            : null;
        return view is null ? Problems.Problems.NotFound("customer") : Results.Ok(view);
    }

    internal static async Task<IResult> ByOrderAsync(
        string merchantId, string orderId, CustomerStore store, OrderStore orders, RefusalRisk risk, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || !OrderIds.IsWellFormed(orderId)
            || (await orders.LoadAsync(merchantId, orderId, ct).ConfigureAwait(false)).State is not PlacedOrder order)
        {
            return Problems.Problems.NotFound("order");
        }

        // Normally the order change observer linked the order already; if the operator is quicker, link it now (idempotent).
        var customerId = await store.CustomerOfOrderAsync(merchantId, orderId, ct).ConfigureAwait(false)
            ?? await store.SyncOrderAsync(order, ct).ConfigureAwait(false);
        var profile = customerId is null ? null : await ProfileViewAsync(store, risk, merchantId, customerId, ct).ConfigureAwait(false);
        if (profile is null)
        {
            return Results.Ok(new ConfirmationBrief(orderId, WireJson.Name(order.Draft.Payment), FirstOrder: true, Flagged: false, null, null));
        }

        var stats = profile.Stats;
        var flagged = order.Draft.Payment == PaymentMethod.CashOnDelivery && profile.HighRefusalRisk;
        var reason = flagged
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"Cash on delivery, and the customer refused {stats.Refused} of {stats.Delivered + stats.Refused} parcels that reached the door ({stats.RefusalRateBasisPoints / 100m:0.#} %).")
            : null;
        return Results.Ok(new ConfirmationBrief(orderId, WireJson.Name(order.Draft.Payment), stats.Orders <= 1, flagged, reason, profile));
    }

    internal static async Task<IResult> RecordCallAsync(
        string merchantId, string customerId, HttpRequest request, ClaimsPrincipal user, CustomerStore store, TimeProvider clock, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || !CustomerIds.IsWellFormed(customerId))
        {
            return Problems.Problems.NotFound("customer");
        }

        var (body, problem) = await JsonBody.ReadAsync<CallRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var e = new FieldErrors();
        if (body!.OrderId is not null && !OrderIds.IsWellFormed(body.OrderId))
        {
            e.Add("orderId", "An order id, e.g. ORD-0123456789AB.");
        }

        var outcome = e.Choice<CallOutcome>("outcome", body.Outcome);
        if (body.Outcome is null)
        {
            e.Add("outcome", $"Required: one of {string.Join(", ", Enum.GetNames<CallOutcome>())}.");
        }

        var note = e.Text("note", body.Note, 1000, required: false, multiline: true);
        if (e.Any)
        {
            return Problems.Problems.Validation(e.ToDictionary());
        }

        var call = new CallAttempt(Guid.NewGuid().ToString("N")[..16], body.OrderId, outcome!.Value, note, clock.GetUtcNow(), user.ToActor());
        return await store.RecordCallAsync(merchantId, customerId, call, ct).ConfigureAwait(false) switch
        {
            CustomerWrite.Done => Results.Created($"/api/merchants/{merchantId}/customers/{customerId}", CustomerViews.Call(call)),
            CustomerWrite.Erased => Erased(),
            CustomerWrite.NotThisCustomersOrder => Problems.Problems.Validation(new Dictionary<string, string[]> { ["orderId"] = ["Not an order of this customer."] }),
            _ => Problems.Problems.NotFound("customer"),
        };
    }

    internal static async Task<IResult> TagsAsync(
        string merchantId, string customerId, HttpRequest request, CustomerStore store, RefusalRisk risk, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || !CustomerIds.IsWellFormed(customerId))
        {
            return Problems.Problems.NotFound("customer");
        }

        var (body, problem) = await JsonBody.ReadAsync<TagsRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var e = new FieldErrors();
        var tags = new List<string>();
        if (body!.Tags is null)
        {
            e.Add("tags", "Required (an empty list removes every tag).");
        }
        else if (body.Tags.Count > CustomerTags.MaxTags)
        {
            e.Add("tags", $"At most {CustomerTags.MaxTags} tags.");
        }
        else
        {
            for (var i = 0; i < body.Tags.Count; i++)
            {
                if (CustomerTags.Normalise(body.Tags[i]) is { } tag)
                {
                    if (!tags.Contains(tag))
                    {
                        tags.Add(tag);
                    }
                }
                else
                {
                    e.Add($"tags[{i}]", $"1 to {CustomerTags.MaxLength} letters, digits, - or _.");
                }
            }
        }

        if (e.Any)
        {
            return Problems.Problems.Validation(e.ToDictionary());
        }

        var (result, profile) = await store.SetTagsAsync(merchantId, customerId, tags, ct).ConfigureAwait(false);
        return result switch
        {
            CustomerWrite.Done => Results.Ok(CustomerViews.ListItem(profile!, risk)),
            CustomerWrite.Erased => Erased(),
            _ => Problems.Problems.NotFound("customer"),
        };
    }

    internal static async Task<IResult> EraseAsync(string merchantId, string customerId, ClaimsPrincipal user, CustomerErasure erasure, HttpContext http, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || !CustomerIds.IsWellFormed(customerId))
        {
            return Problems.Problems.NotFound("customer");
        }

        var result = await erasure.EraseAsync(merchantId, customerId, user.ToActor(), ct, http.Features.Get<IOrderEngine>()).ConfigureAwait(false);
        return result switch
        {
            CustomerWrite.Done => Results.Ok(new ErasureView(customerId, true)),
            CustomerWrite.HasOpenOrders => Problems.Problems.Of(
                StatusCodes.Status409Conflict, "customer-has-open-orders", "This customer has an order still being worked; erase their personal data once it has ended."),
            _ => Problems.Problems.NotFound("customer"),
        };
    }

    internal static IResult Export(string merchantId, CustomerStore store, TimeProvider clock) =>
        MerchantIds.IsValid(merchantId) ? new CsvExport(merchantId, store, clock.GetUtcNow()) : Problems.Problems.NotFound("merchant");

    private static async Task<CustomerProfileView?> ProfileViewAsync(CustomerStore store, RefusalRisk risk, string merchantId, string customerId, CancellationToken ct)
    {
        var profileTask = store.GetAsync(merchantId, customerId, ct);
        var ordersTask = store.OrdersAsync(merchantId, customerId, Recent, ct);
        var callsTask = store.CallsAsync(merchantId, customerId, Recent, ct);
        await Task.WhenAll(profileTask, ordersTask, callsTask).ConfigureAwait(false);
        var profile = await profileTask.ConfigureAwait(false);
        return profile is null ? null : CustomerViews.Profile(profile, risk, await ordersTask.ConfigureAwait(false), await callsTask.ConfigureAwait(false));
    }

    private static IResult Erased() =>
        Problems.Problems.Of(StatusCodes.Status409Conflict, "customer-erased", "This customer's personal data was erased.");

    /// <summary>Streams the CSV page by page, so a large base never sits in memory.</summary>
    private sealed class CsvExport(string merchantId, CustomerStore store, DateTimeOffset now) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"customers-{merchantId}-{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv\"";
            response.Headers.CacheControl = "no-store";
            await CustomerCsv.WriteAsync(
                response.Body,
                store.AllAsync(merchantId, httpContext.RequestAborted),
                code => Currencies.IsKnown(code) ? Currencies.Exponent(code) : 2,
                httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
