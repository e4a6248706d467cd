using Backoffice.Api.Webhooks;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Merchants;
using Microsoft.AspNetCore.Http;
using Backoffice.Contracts.Finance;

namespace Backoffice.Api.Finance;

internal static class InvoiceEndpoints
{
    private const int MaxList = 120;

    private static readonly FinancePeriodRoute Months = new(
        FinanceDocumentKind.Invoice, "month", "A month such as 2026-11.", "A month such as 2026-01.", "A month such as 2026-12.",
        "invoice", MaxList, text => BillingMonth.TryParse(text, out var m) ? m.Label : null);

    public static Task<IResult> ListAsync(string merchantId, string? from, string? to, FinanceDocumentStore documents, CancellationToken ct) =>
        FinanceDocumentEndpoints.ListAsync(Months, merchantId, from, to, documents, ct);

    public static Task<IResult> GetAsync(string merchantId, string month, FinanceDocumentStore documents, CancellationToken ct) =>
        FinanceDocumentEndpoints.GetAsync(Months, merchantId, month, documents, ct);

    public static Task<IResult> FileAsync(string merchantId, string month, string format, FinanceDocumentStore documents, ReportDownloads downloads, CancellationToken ct) =>
        FinanceDocumentEndpoints.FileAsync(Months, merchantId, month, format, documents, downloads, ct);

    public static async Task<IResult> RunAsync(HttpRequest request, MerchantStore merchants, MonthlyInvoiceRun run, CancellationToken ct)
    {
        var (body, problem) = await Problems.JsonBody.ReadAsync<RunRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!BillingMonth.TryParse(body!.Month, out var month))
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["month"] = ["A month such as 2026-11."] });
        }

        if (body.MerchantId is not null && !MerchantIds.IsValid(body.MerchantId))
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["merchantId"] = ["Not a merchant id."] });
        }

        var ids = body.MerchantId is { } one ? [one] : (await merchants.ListAsync(ct).ConfigureAwait(false)).Select(m => m.MerchantId).ToArray();
        var results = new List<RunResultView>();
        foreach (var id in ids)
        {
            var result = await run.RunAsync(id, month, ct).ConfigureAwait(false);
            results.Add(FinanceViews.Run(result));
        }

        return body.MerchantId is not null && results[0].Outcome == nameof(RunOutcome.UnknownMerchant)
            ? Problems.Problems.UnknownMerchant()
            : Results.Ok(results);
    }
}
