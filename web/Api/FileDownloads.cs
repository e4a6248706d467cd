using Microsoft.JSInterop;

namespace Backoffice.Web.Api;

/// <summary>Hands a downloaded file to the browser's save dialog (wwwroot/js/console.js).</summary>
internal sealed class FileDownloads(IJSRuntime js)
{
    public async Task SaveAsync(DownloadedFile file)
    {
        using var stream = new MemoryStream(file.Content);
        using var reference = new DotNetStreamReference(stream);
        await js.InvokeVoidAsync("backofficeConsole.saveFile", file.Name, file.ContentType, reference);
    }
}
