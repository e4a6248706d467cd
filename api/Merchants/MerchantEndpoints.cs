using System.Security.Claims;
using Backoffice.Api.Auth;
using Backoffice.Api.OpenApi;
using Backoffice.Api.Problems;
using Backoffice.Api.Webhooks;
using Backoffice.Contracts.Merchants;
using Backoffice.Core.Customers;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backoffice.Api.Merchants;

public static class MerchantEndpoints
{
    public static IEndpointRouteBuilder MapMerchants(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/merchants").WithTags("Merchants").Guarded();
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadMerchants).Reads<MerchantView[]>();
        var one = group.MapGroup("/{merchantId}");
        one.MapGet("/", GetAsync).RequireAuthorization(Policies.ReadMerchants).Reads<MerchantView>();
        one.MapPut("/", PutAsync).RequireAuthorization(Policies.ManageMerchants).WithSummary("Create or update a merchant.")
            .Writes<MerchantRequest, MerchantView>().Produces<MerchantCreated>(StatusCodes.Status201Created, ApiContract.Json)
            .WithExamples(MerchantExamples.Put);
        one.MapPost("/webhook-secrets", RotateAsync).RequireAuthorization(Policies.ManageMerchants)
            .WithSummary("Issue a new inbound webhook secret; the previous one stays valid until the next rotation.").Acts<SecretIssued>();
        one.MapPost("/status-secrets", RotateStatusAsync).RequireAuthorization(Policies.ManageMerchants)
            .WithSummary("Issue a new secret for signing status webhooks; the previous one keeps signing beside it until the next rotation.").Acts<SecretIssued>();
        return api;
    }

    public static MerchantView View(Merchant m) => new(
        m.MerchantId, m.Name, m.Currency, m.TimeZone, ServiceLevels(m.Deadlines), Fees(m.Tariff), WithoutCredentials(m.StatusUrl), m.Active, m.Region);

    /// <summary>Service levels as the API speaks them, in and out: hours (fractions allowed) and counts.</summary>
    public static DeadlinesView ServiceLevels(DeadlinePolicy d) => new(
        d.Confirmation.TotalHours, d.SupplierPickup.TotalHours, d.Packing.TotalHours, d.Delivery.TotalHours, d.MaxDeliveryAttempts, d.MaxDeadlineMisses);

    private static TariffView Fees(Tariff t) => new(t.FixedPerDeliveredOrder, t.DeliveredValueBasisPoints, t.CashHandledBasisPoints, t.NetFeesFromSettlement);

    /// <summary>
    /// A status URL saved before credentials were refused may still carry some; every reader of the merchant (finance,
    /// the merchant itself) would see them, so they are masked. The next save must drop them (the URL is checked again).
    /// </summary>
    private static string? WithoutCredentials(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? new UriBuilder(uri) { UserName = "***", Password = string.Empty }.Uri.ToString()
            : url;

    internal static async Task<IResult> ListAsync(ClaimsPrincipal user, MerchantStore store, CancellationToken ct)
    {
        var all = await store.ListAsync(ct).ConfigureAwait(false);
        return Results.Ok(all.Where(m => user.CanAccessMerchant(m.MerchantId)).Select(View).ToArray());
    }

    internal static async Task<IResult> GetAsync(string merchantId, MerchantStore store, CancellationToken ct)
    {
        var merchant = MerchantIds.IsValid(merchantId) ? await store.FindAsync(merchantId, ct).ConfigureAwait(false) : null;
        return merchant is null ? Problems.Problems.NotFound("merchant") : Results.Ok(View(merchant));
    }

    internal static async Task<IResult> PutAsync(string merchantId, HttpRequest request, MerchantStore store, StatusDeliveryOptions statusOptions, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["merchantId"] = ["2–40 characters: a–z, 0–9 and inner dashes."] }, StatusCodes.Status400BadRequest);
        }

        var (body, problem) = await JsonBody.ReadAsync<MerchantRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var existing = await store.FindAsync(merchantId, ct).ConfigureAwait(false);
        var merchant = Build(merchantId, body!, existing, statusOptions, errors);
        if (merchant is null)
        {
            return Problems.Problems.Validation(errors.ToDictionary());
        }

        if (existing is null)
        {
            // Both secrets are shown once, here: the merchant signs its webhooks with the first and verifies our status
            // webhooks with the second (docs/webhooks.md). Afterwards only rotation issues new ones.
            var secret = WebhookSignatures.NewSecret();
            var statusSecret = WebhookSignatures.NewSecret();
            await store.CreateAsync(merchant, new WebhookSecrets([secret], statusSecret), ct).ConfigureAwait(false);
            return Results.Created($"/api/merchants/{merchantId}", new MerchantCreated(View(merchant), secret, statusSecret));
        }

        await store.SaveAsync(merchant, ct).ConfigureAwait(false);
        return Results.Ok(View(merchant));
    }

    internal static async Task<IResult> RotateAsync(string merchantId, MerchantStore store, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || await store.FindAsync(merchantId, ct).ConfigureAwait(false) is null)
        {
            return Problems.Problems.NotFound("merchant");
        }

        var secret = WebhookSignatures.NewSecret();
        var rotated = await store.RotateInboundSecretAsync(merchantId, secret, ct).ConfigureAwait(false);
        return Results.Ok(new SecretIssued(merchantId, secret, rotated.Inbound.Count));
    }

    internal static async Task<IResult> RotateStatusAsync(string merchantId, MerchantStore store, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || await store.FindAsync(merchantId, ct).ConfigureAwait(false) is null)
        {
            return Problems.Problems.NotFound("merchant");
        }

        var secret = WebhookSignatures.NewSecret();
        var rotated = await store.RotateOutboundSecretAsync(merchantId, secret, ct).ConfigureAwait(false);
        return Results.Ok(new SecretIssued(merchantId, secret, rotated.OutboundSigning.Count));
    }

    private static Merchant? Build(string merchantId, MerchantRequest r, Merchant? existing, StatusDeliveryOptions statusOptions, FieldErrors e)
    {
        var name = e.Text("name", r.Name ?? existing?.Name, 200);
        var currency = r.Currency ?? existing?.Currency;
        if (!Currencies.IsKnown(currency))
        {
            e.Add("currency", "An ISO 4217 code we support, e.g. EUR.");
        }
        else if (existing is not null && currency != existing.Currency)
        {
            e.Add("currency", "A merchant's currency cannot change once it has orders; create a new merchant.");
        }

        var zone = r.TimeZone ?? existing?.TimeZone ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            e.Add("timeZone", "An IANA time zone, e.g. Europe/Berlin.");
        }

        var d = existing?.Deadlines ?? DeadlinePolicy.Default;
        var deadlines = new DeadlinePolicy(
            Hours(e, "deadlines.confirmationHours", r.Deadlines?.ConfirmationHours, d.Confirmation),
            Hours(e, "deadlines.supplierPickupHours", r.Deadlines?.SupplierPickupHours, d.SupplierPickup),
            Hours(e, "deadlines.packingHours", r.Deadlines?.PackingHours, d.Packing),
            Hours(e, "deadlines.deliveryHours", r.Deadlines?.DeliveryHours, d.Delivery),
            Count(e, "deadlines.maxDeliveryAttempts", r.Deadlines?.MaxDeliveryAttempts, d.MaxDeliveryAttempts),
            Count(e, "deadlines.maxDeadlineMisses", r.Deadlines?.MaxDeadlineMisses, d.MaxDeadlineMisses));

        if (r.MerchantId is not null && r.MerchantId != merchantId)
        {
            e.Add("merchantId", "Must match the merchant id in the path (or be left out).");
        }

        var tariff = TariffOf(e, r.Tariff, existing?.Tariff);

        // Checked whenever it is sent, also when unchanged: a URL saved before the rule must be fixed with the next save.
        var statusUrl = r.StatusUrl ?? existing?.StatusUrl;
        if (!string.IsNullOrEmpty(statusUrl) && StatusUrlPolicy.Problem(statusUrl, statusOptions.LoopbackAllowed, statusOptions.AllowPlainHttp) is { } urlProblem)
        {
            e.Add("statusUrl", urlProblem);
        }

        var region = r.Region is null ? existing?.Region : r.Region.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(region) && !Phones.IsRegion(region))
        {
            e.Add("region", "An ISO 3166-1 alpha-2 country code where the shop's customers dial, e.g. RU or DE.");
        }

        return e.Any ? null : new Merchant(merchantId, name!, currency!, zone, deadlines, tariff, string.IsNullOrEmpty(statusUrl) ? null : statusUrl, r.Active ?? existing?.Active ?? true,
            string.IsNullOrEmpty(region) ? null : region);
    }

    /// <summary>
    /// A new merchant needs its tariff spelled out — every component, even a zero — because the fee is what the
    /// merchant is billed (a silent default once billed 150.00 per order where 1.50 was meant). An update may name only
    /// what changes.
    /// </summary>
    private static Tariff TariffOf(FieldErrors e, TariffRequest? r, Tariff? existing)
    {
        if (existing is null)
        {
            if (r is null)
            {
                e.Add("tariff", "Required for a new merchant: fixedPerDeliveredOrder (minor units), deliveredValueBasisPoints and cashHandledBasisPoints.");
                return Tariff.None;
            }

            foreach (var (path, value) in new (string, object?)[]
            {
                ("tariff.fixedPerDeliveredOrder", r.FixedPerDeliveredOrder), ("tariff.deliveredValueBasisPoints", r.DeliveredValueBasisPoints),
                ("tariff.cashHandledBasisPoints", r.CashHandledBasisPoints),
            })
            {
                if (value is null)
                {
                    e.Add(path, "Required for a new merchant (0 for none).");
                }
            }
        }

        var t = existing ?? Tariff.None;
        return new Tariff(
            e.Amount("tariff.fixedPerDeliveredOrder", r?.FixedPerDeliveredOrder ?? t.FixedPerDeliveredOrder),
            BasisPoints(e, "tariff.deliveredValueBasisPoints", r?.DeliveredValueBasisPoints ?? t.DeliveredValueBasisPoints),
            BasisPoints(e, "tariff.cashHandledBasisPoints", r?.CashHandledBasisPoints ?? t.CashHandledBasisPoints),
            r?.NetFeesFromSettlement ?? t.NetFeesFromSettlement);
    }

    private static TimeSpan Hours(FieldErrors e, string path, double? value, TimeSpan fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value is < 0.01 or > 24 * 60 || double.IsNaN(value.Value))
        {
            e.Add(path, "Between 0.01 and 1440 hours.");
            return fallback;
        }

        return TimeSpan.FromHours(value.Value);
    }

    private static int Count(FieldErrors e, string path, int? value, int fallback)
    {
        if (value is < 1 or > 20)
        {
            e.Add(path, "From 1 to 20.");
            return fallback;
        }

        return value ?? fallback;
    }

    private static int BasisPoints(FieldErrors e, string path, int value)
    {
        if (value is < 0 or > 10_000)
        {
            e.Add(path, "From 0 to 10000 basis points (0–100 %).");
        }

        return value;
    }
}
