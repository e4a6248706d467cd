using System.Security.Claims;
using Backoffice.Api.Auth;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Merchants;
using Microsoft.AspNetCore.Http;
using Backoffice.Contracts.Finance;

namespace Backoffice.Api.Finance;

internal static class SettlementEndpoints
{
    private const int MaxList = 200;

    public static async Task<IResult> ListWeekAsync(string? week, ClaimsPrincipal user, MerchantStore merchants, FinanceDocumentStore documents, CancellationToken ct)
    {
        if (!SettlementWeek.TryParse(week, out var w))
        {
            return FinanceModule.BadField("week", "An ISO week such as 2026-W47.");
        }

        var views = new List<FinanceDocumentView>();
        foreach (var merchant in (await merchants.ListAsync(ct).ConfigureAwait(false)).Where(m => user.CanAccessMerchant(m.MerchantId)))
        {
            if (await documents.GetAsync(FinanceDocumentKind.Settlement, merchant.MerchantId, w.Label, ct).ConfigureAwait(false) is { } document)
            {
                views.Add(FinanceViews.Document(document));
            }
        }

        return Results.Ok(views);
    }

    private static readonly FinancePeriodRoute Weeks = new(
        FinanceDocumentKind.Settlement, "week", "An ISO week such as 2026-W47.", "An ISO week such as 2026-W01.", "An ISO week such as 2026-W10.",
        "settlement", MaxList, text => SettlementWeek.TryParse(text, out var w) ? w.Label : null);

    public static Task<IResult> ListAsync(string merchantId, string? from, string? to, FinanceDocumentStore documents, CancellationToken ct) =>
        FinanceDocumentEndpoints.ListAsync(Weeks, merchantId, from, to, documents, ct);

    public static Task<IResult> GetAsync(string merchantId, string week, FinanceDocumentStore documents, CancellationToken ct) =>
        FinanceDocumentEndpoints.GetAsync(Weeks, merchantId, week, documents, ct);

    public static Task<IResult> FileAsync(string merchantId, string week, string format, FinanceDocumentStore documents, ReportDownloads downloads, CancellationToken ct) =>
        FinanceDocumentEndpoints.FileAsync(Weeks, merchantId, week, format, documents, downloads, ct);

    public static async Task<IResult> ApproveAsync(string merchantId, string week, ClaimsPrincipal user, SettlementActions actions, CancellationToken ct)
    {
        if (!SettlementWeek.TryParse(week, out var w))
        {
            return FinanceModule.BadField("week", "An ISO week such as 2026-W47.");
        }

        var result = MerchantIds.IsValid(merchantId) ? await actions.ApproveAsync(merchantId, w, user.ToActor(), ct).ConfigureAwait(false) : new ActionResult(null, null);
        return Outcome(result);
    }

    public static async Task<IResult> PayAsync(string merchantId, string week, HttpRequest request, ClaimsPrincipal user, SettlementActions actions, TimeProvider clock, CancellationToken ct)
    {
        if (!SettlementWeek.TryParse(week, out var w))
        {
            return FinanceModule.BadField("week", "An ISO week such as 2026-W47.");
        }

        var (body, problem) = await Problems.JsonBody.ReadAsync<PaymentRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var reference = errors.Text("bankReference", body!.BankReference, SettlementTransitions.MaxBankReferenceLength);
        if (body.PaidOn is null)
        {
            errors.Add("paidOn", "Required: the date of the transfer, yyyy-MM-dd.");
        }
        else if (body.PaidOn > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)))
        {
            errors.Add("paidOn", "A transfer cannot be dated in the future.");
        }

        if (errors.Any)
        {
            return Problems.Problems.Validation(errors.ToDictionary());
        }

        var result = MerchantIds.IsValid(merchantId)
            ? await actions.MarkPaidAsync(merchantId, w, new SettlementPayment(reference!, body.PaidOn!.Value), user.ToActor(), ct).ConfigureAwait(false)
            : new ActionResult(null, null);
        return Outcome(result);
    }

    public static async Task<IResult> RunAsync(HttpRequest request, ClaimsPrincipal user, MerchantStore merchants, SettlementRun run, CancellationToken ct)
    {
        var (body, problem) = await Problems.JsonBody.ReadAsync<RunRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!SettlementWeek.TryParse(body!.Week, out var week))
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["week"] = ["An ISO week such as 2026-W47."] });
        }

        if (body.MerchantId is not null && !MerchantIds.IsValid(body.MerchantId))
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["merchantId"] = ["Not a merchant id."] });
        }

        var ids = body.MerchantId is { } one ? [one] : (await merchants.ListAsync(ct).ConfigureAwait(false)).Select(m => m.MerchantId).ToArray();
        var results = new List<RunResultView>();
        foreach (var id in ids)
        {
            var result = await run.RunAsync(id, week, ct).ConfigureAwait(false);
            results.Add(FinanceViews.Run(result));
        }

        return body.MerchantId is not null && results[0].Outcome == nameof(RunOutcome.UnknownMerchant)
            ? Problems.Problems.UnknownMerchant()
            : Results.Ok(results);
    }

    internal static IResult Outcome(ActionResult result) => result switch
    {
        { Document: null } => Problems.Problems.NotFound("settlement"),
        { Refusal: { } refusal } => Problems.Problems.Of(StatusCodes.Status409Conflict, refusal.Code, "The statement's state does not allow this.", refusal.Message),
        { Document: { } document } => Results.Ok(FinanceViews.Document(document)),
    };
}
