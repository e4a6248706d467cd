using Backoffice.Api.Webhooks;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Finance;
using Microsoft.AspNetCore.Http;
using Backoffice.Contracts.Finance;

namespace Backoffice.Api.Finance;

/// <summary>
/// What tells settlement and invoice documents apart at the HTTP edge: their kind, the period a route names (an ISO
/// week or a month) with the words for a malformed one, and what a missing document is called.
/// </summary>
internal sealed record FinancePeriodRoute(
    FinanceDocumentKind Kind, string Field, string Example, string FromExample, string ToExample, string Document, int MaxList, Func<string?, string?> Label);

/// <summary>List, read and download a merchant's finance documents: one flow for settlements and invoices.</summary>
internal static class FinanceDocumentEndpoints
{
    public static async Task<IResult> ListAsync(FinancePeriodRoute route, string merchantId, string? from, string? to, FinanceDocumentStore documents, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (from is not null && route.Label(from) is null)
        {
            errors.Add("from", route.FromExample);
        }

        if (to is not null && route.Label(to) is null)
        {
            errors.Add("to", route.ToExample);
        }

        if (errors.Any)
        {
            return Problems.Problems.Validation(errors.ToDictionary(), StatusCodes.Status400BadRequest);
        }

        if (!MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.NotFound("merchant");
        }

        var list = await documents.ListAsync(route.Kind, merchantId, from, to, route.MaxList, ct).ConfigureAwait(false);
        return Results.Ok(list.Select(d => FinanceViews.Document(d)).ToArray());
    }

    public static async Task<IResult> GetAsync(FinancePeriodRoute route, string merchantId, string period, FinanceDocumentStore documents, CancellationToken ct)
    {
        if (route.Label(period) is not { } label)
        {
            return FinanceModule.BadField(route.Field, route.Example);
        }

        var document = MerchantIds.IsValid(merchantId) ? await documents.GetAsync(route.Kind, merchantId, label, ct).ConfigureAwait(false) : null;
        if (document is null)
        {
            return Problems.Problems.NotFound(route.Document);
        }

        var audit = await documents.AuditAsync(route.Kind, merchantId, label, ct).ConfigureAwait(false);
        return Results.Ok(FinanceViews.Document(document, audit));
    }

    public static async Task<IResult> FileAsync(
        FinancePeriodRoute route, string merchantId, string period, string format, FinanceDocumentStore documents, ReportDownloads downloads, CancellationToken ct)
    {
        if (route.Label(period) is not { } label)
        {
            return FinanceModule.BadField(route.Field, route.Example);
        }

        var document = MerchantIds.IsValid(merchantId) ? await documents.GetAsync(route.Kind, merchantId, label, ct).ConfigureAwait(false) : null;
        return document is null ? Problems.Problems.NotFound(route.Document) : await DocumentFiles.DownloadAsync(document, format, downloads, ct).ConfigureAwait(false);
    }
}
