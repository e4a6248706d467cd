using Backoffice.Infra.Finance;
using Microsoft.AspNetCore.Http;

namespace Backoffice.Api.Finance;

/// <summary>Streams a report file from Blob Storage to the client (locally; in Azure a short-lived SAS link would do).</summary>
internal static class DocumentFiles
{
    public static async Task<IResult> StreamAsync(FinanceDocument? document, string format, ReportStorage storage, CancellationToken ct)
    {
        if (!ReportPaths.Formats.Contains(format))
        {
            return FinanceModule.BadField("format", "One of csv, xlsx, pdf.");
        }

        if (document is null)
        {
            return Problems.Problems.NotFound(document?.Kind == FinanceDocumentKind.Invoice ? "invoice" : "document");
        }

        var path = document.FilePath(format);
        var stream = await storage.OpenAsync(path, ct).ConfigureAwait(false);
        return stream is null
            ? Problems.Problems.NotFound("file")
            : Results.Stream(stream, ReportPaths.ContentType(format), path.Replace('/', '_'));
    }
}
