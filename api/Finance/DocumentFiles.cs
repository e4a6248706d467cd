using Backoffice.Infra.Finance;
using Microsoft.AspNetCore.Http;

namespace Backoffice.Api.Finance;

/// <summary>
/// Hands a report file to the client: streamed from Blob Storage (locally), or a 302 to a short-lived read-only SAS
/// link for exactly that blob when <c>Finance:Downloads:UseSas</c> is on (Azure). Authorization has already run: the
/// link is only made for a caller allowed to see the document.
/// </summary>
internal static class DocumentFiles
{
    public static async Task<IResult> DownloadAsync(FinanceDocument? document, string format, ReportDownloads downloads, CancellationToken ct)
    {
        if (!ReportPaths.Formats.Contains(format))
        {
            return FinanceModule.BadField("format", "One of csv, xlsx, pdf.");
        }

        if (document is null)
        {
            return Problems.Problems.NotFound("document");
        }

        var path = document.FilePath(format);
        var fileName = path.Replace('/', '_');
        return await downloads.OpenAsync(path, format, fileName, ct).ConfigureAwait(false) switch
        {
            null => Problems.Problems.NotFound("file"),
            { Link: { } link } => new SignedLinkResult(link),
            { Content: { } stream } => Results.Stream(stream, ReportPaths.ContentType(format), fileName),
            _ => Problems.Problems.NotFound("file"),
        };
    }

    /// <summary>302 to the signed link; never cached, since the link grants access by itself until it expires.</summary>
    private sealed class SignedLinkResult(Uri link) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Redirect(link.AbsoluteUri, permanent: false);
            return Task.CompletedTask;
        }
    }
}
