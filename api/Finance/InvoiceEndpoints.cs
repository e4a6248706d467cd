using Backoffice.Api.Webhooks;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Merchants;
using Microsoft.AspNetCore.Http;

namespace Backoffice.Api.Finance;

internal static class InvoiceEndpoints
{
    private const int MaxList = 120;

    public static async Task<IResult> ListAsync(string merchantId, string? from, string? to, FinanceDocumentStore documents, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (from is not null && !BillingMonth.TryParse(from, out _))
        {
            errors.Add("from", "A month such as 2026-01.");
        }

        if (to is not null && !BillingMonth.TryParse(to, out _))
        {
            errors.Add("to", "A month such as 2026-12.");
        }

        if (errors.Any)
        {
            return Problems.Problems.Validation(errors.ToDictionary(), StatusCodes.Status400BadRequest);
        }

        if (!MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.NotFound("merchant");
        }

        var list = await documents.ListAsync(FinanceDocumentKind.Invoice, merchantId, from, to, MaxList, ct).ConfigureAwait(false);
        return Results.Ok(list.Select(d => FinanceDocumentView.Of(d)).ToArray());
    }

    public static async Task<IResult> GetAsync(string merchantId, string month, FinanceDocumentStore documents, CancellationToken ct)
    {
        if (!BillingMonth.TryParse(month, out var m))
        {
            return FinanceModule.BadField("month", "A month such as 2026-11.");
        }

        var document = MerchantIds.IsValid(merchantId) ? await documents.GetAsync(FinanceDocumentKind.Invoice, merchantId, m.Label, ct).ConfigureAwait(false) : null;
        if (document is null)
        {
            return Problems.Problems.NotFound("invoice");
        }

        var audit = await documents.AuditAsync(FinanceDocumentKind.Invoice, merchantId, m.Label, ct).ConfigureAwait(false);
        return Results.Ok(FinanceDocumentView.Of(document, audit));
    }

    public static async Task<IResult> FileAsync(string merchantId, string month, string format, FinanceDocumentStore documents, ReportDownloads downloads, CancellationToken ct)
    {
        if (!BillingMonth.TryParse(month, out var m))
        {
            return FinanceModule.BadField("month", "A month such as 2026-11.");
        }

        var document = MerchantIds.IsValid(merchantId) ? await documents.GetAsync(FinanceDocumentKind.Invoice, merchantId, m.Label, ct).ConfigureAwait(false) : null;
        return document is null ? Problems.Problems.NotFound("invoice") : await DocumentFiles.DownloadAsync(document, format, downloads, ct).ConfigureAwait(false);
    }

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
            results.Add(new RunResultView(result.MerchantId, result.Period, result.Outcome.ToString(), result.Document is { } d ? FinanceDocumentView.Of(d) : null));
        }

        return body.MerchantId is not null && results[0].Outcome == nameof(RunOutcome.UnknownMerchant)
            ? Problems.Problems.UnknownMerchant()
            : Results.Ok(results);
    }
}
