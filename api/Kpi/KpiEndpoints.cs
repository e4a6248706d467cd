using System.Security.Claims;
using Backoffice.Api.Auth;
using Backoffice.Api.OpenApi;
using Backoffice.Api.Problems;
using Backoffice.Api.Webhooks;
using Backoffice.Contracts.Kpi;
using Backoffice.Core.Kpi;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Kpi;
using Backoffice.Infra.Merchants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backoffice.Api.Kpi;

/// <summary>
/// KPI reads (JSON or CSV) per merchant and across merchants per currency, the traffic webhook and its audit trail,
/// and the roll-up on demand. Merchants read their own figures only; operators, supervisors and finance read all.
/// </summary>
public static class KpiEndpoints
{
    private delegate Task<IResult> Render(KpiReports reports, KpiTarget target, KpiQuery query, CancellationToken ct);

    private delegate RouteHandlerBuilder Declare(RouteHandlerBuilder builder);

    public static IEndpointRouteBuilder MapKpi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/webhooks/{merchantId}/traffic", (string merchantId, HttpContext http, TrafficWebhook hook) => hook.HandleAsync(merchantId, http))
            .AllowAnonymous().WithTags("Webhooks").WithName("TrafficWebhook")
            .WithSummary("Daily visits from a storefront, signed per Standard Webhooks; a later report for the same day replaces the value.")
            .Intake<TrafficPayload, TrafficAccepted>()
            .WithExamples(new BodyExample("one-day", "The visits of one of the shop's days (its own date)", new TrafficPayload("2026-11-15", 1240)));

        var kpi = api.MapGroup("/kpi").WithTags("KPIs").RequireAuthorization(Policies.ReadKpi).Guarded();
        var merchant = kpi.MapGroup("/merchants/{merchantId}");
        var totals = kpi.MapGroup("/totals/{currency}");
        foreach (var (path, render, summary, declare) in Reports())
        {
            declare(merchant.MapGet(path, (string merchantId, string? view, string? period, string? from, string? to, string? format, MerchantStore merchants, KpiReports reports, TimeProvider clock, CancellationToken ct) =>
                ForMerchantAsync(merchantId, view, period, from, to, format, merchants, reports, clock, render, ct)).WithSummary($"{summary} One merchant, in its currency."));
            declare(totals.MapGet(path, (string currency, string? view, string? period, string? from, string? to, string? format, ClaimsPrincipal user, KpiReports reports, TimeProvider clock, CancellationToken ct) =>
                ForCurrencyAsync(currency, view, period, from, to, format, user, reports, clock, render, ct)).WithSummary($"{summary} All merchants in one currency (staff only)."));
        }

        merchant.MapGet("/traffic", TrafficAsync).WithSummary("Reported traffic per day, with every report received (audit trail).").Reads<TrafficView>();
        kpi.MapGet("/rollup", RollupStatusAsync).WithSummary("Where the roll-up has got to and what its last run did (staff only).").Reads<RollupStatusView>();
        kpi.MapPost("/rollup", RunRollupAsync).WithSummary("Runs the incremental roll-up now (staff only); idempotent.").Acts<KpiRollupResult>();
        kpi.MapPost("/rebuild/{merchantId}", RebuildAsync).RequireAuthorization(Policies.ManageMerchants)
            .WithSummary("Recomputes one merchant's KPI rows from its orders and traffic (supervisors).").Acts<KpiRebuildResult>();
        return api;
    }

    private static IEnumerable<(string Path, Render Render, string Summary, Declare Declare)> Reports() =>
    [
        ("/indicators", async (r, t, q, ct) => await r.IndicatorsAsync(t, q, ct) is var x && q.Format == KpiFormat.Csv ? KpiCsv.Indicators(x) : Results.Ok(x),
            "Tr, Conv, GrossOrders, GrossDemand, GrossAOV, NetOrders, GrossRevenue, NetAOV, OperFF, FinFF, in flight and lost, per day, week or month.",
            b => b.ReadsOrCsv<KpiReport<IndicatorRow>>()),
        ("/funnel", async (r, t, q, ct) => await r.FunnelAsync(t, q, ct) is var x && q.Format == KpiFormat.Csv ? KpiCsv.Funnel(x) : Results.Ok(x),
            "Created → confirmed → picked up (goods in hand) → packed → delivered.", b => b.ReadsOrCsv<KpiReport<FunnelRow>>()),
        ("/losses", async (r, t, q, ct) => await r.LossesAsync(t, q, ct) is var x && q.Format == KpiFormat.Csv ? KpiCsv.Losses(x) : Results.Ok(x),
            "Orders, lines and value lost, by stage × reason × department.", b => b.ReadsOrCsv<KpiReport<LossRow>>()),
        ("/deadline-misses", async (r, t, q, ct) => await r.DeadlineMissesAsync(t, q, ct) is var x && q.Format == KpiFormat.Csv ? KpiCsv.DeadlineMisses(x) : Results.Ok(x),
            "Missed stage deadlines by stage and department.", b => b.ReadsOrCsv<KpiReport<DeadlineMissRow>>()),
    ];

    private static async Task<IResult> ForMerchantAsync(
        string merchantId, string? view, string? period, string? from, string? to, string? format, MerchantStore merchants, KpiReports reports, TimeProvider clock, Render render, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || await merchants.FindAsync(merchantId, ct).ConfigureAwait(false) is not { } merchant)
        {
            return Problems.Problems.UnknownMerchant();
        }

        var (query, problem) = KpiQuery.Parse(view, period, from, to, format, TodayOf(merchant, clock));
        return problem ?? await render(reports, KpiTarget.ForMerchant(merchant.MerchantId, merchant.Currency), query!, ct).ConfigureAwait(false);
    }

    private static async Task<IResult> ForCurrencyAsync(
        string currency, string? view, string? period, string? from, string? to, string? format, ClaimsPrincipal user, KpiReports reports, TimeProvider clock, Render render, CancellationToken ct)
    {
        if (user.IsMerchant())
        {
            return StaffOnly();
        }

        if (!Currencies.IsKnown(currency))
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["currency"] = ["An ISO 4217 code we trade in, e.g. EUR."] }, StatusCodes.Status400BadRequest);
        }

        var (query, problem) = KpiQuery.Parse(view, period, from, to, format, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return problem ?? await render(reports, KpiTarget.ForCurrency(currency), query!, ct).ConfigureAwait(false);
    }

    internal static async Task<IResult> TrafficAsync(string merchantId, string? from, string? to, MerchantStore merchants, TrafficStore traffic, TimeProvider clock, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || await merchants.FindAsync(merchantId, ct).ConfigureAwait(false) is not { } merchant)
        {
            return Problems.Problems.UnknownMerchant();
        }

        var (query, problem) = KpiQuery.Parse(null, null, from, to, null, TodayOf(merchant, clock));
        if (problem is not null)
        {
            return problem;
        }

        var (current, history) = await traffic.ListAsync(merchantId, query!.From, query.To, ct).ConfigureAwait(false);
        return Results.Ok(new TrafficView(merchantId, query.From, query.To, current, history));
    }

    internal static async Task<IResult> RollupStatusAsync(ClaimsPrincipal user, KpiWatermark watermark, KpiParkedSubjects parking, CancellationToken ct)
    {
        if (user.IsMerchant())
        {
            return StaffOnly();
        }

        var state = await watermark.ReadAsync(ct).ConfigureAwait(false);
        var parked = (await parking.ListAsync(ct).ConfigureAwait(false)).Select(ParkedSubjectView.Of).ToArray();
        return Results.Ok(new RollupStatusView(state.Position == DateTimeOffset.MinValue ? null : state.Position, state.UpdatedAt, state.LastRun, parked));
    }

    internal static async Task<IResult> RunRollupAsync(ClaimsPrincipal user, KpiRollup rollup, CancellationToken ct) =>
        user.IsMerchant() ? StaffOnly() : Results.Ok(await rollup.RunAsync(ct).ConfigureAwait(false));

    internal static async Task<IResult> RebuildAsync(string merchantId, MerchantStore merchants, KpiRebuild rebuild, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || await merchants.FindAsync(merchantId, ct).ConfigureAwait(false) is null)
        {
            return Problems.Problems.UnknownMerchant();
        }

        return Results.Ok(await rebuild.RebuildMerchantAsync(merchantId, ct).ConfigureAwait(false));
    }

    private static IResult StaffOnly() =>
        Problems.Problems.Of(StatusCodes.Status403Forbidden, "staff-only", "Only operators, supervisors and finance see figures across merchants.");

    private static DateOnly TodayOf(Merchant merchant, TimeProvider clock) =>
        KpiCalendar.Day(clock.GetUtcNow(), TimeZoneInfo.TryFindSystemTimeZoneById(merchant.TimeZone, out var z) ? z : TimeZoneInfo.Utc);
}
