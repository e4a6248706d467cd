using System.Security.Cryptography;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>A finished report file waiting in a temporary file to be uploaded.</summary>
public sealed record ReportFile(string Format, string Path, string Sha256, long Length);

/// <summary>The three formats of one report, fed together in one pass over the rows.</summary>
public sealed class ReportSet : IDisposable
{
    private readonly IReportSink[] _sinks;
    private readonly List<ReportFile> _files = [];

    public ReportSet(ReportHeading heading, int pdfLineLimit)
    {
        _sinks = [new CsvReport(heading), new XlsxReport(heading), new PdfReport(heading, pdfLineLimit)];
    }

    public void Row(ReportRowKind kind, params object?[] cells)
    {
        foreach (var sink in _sinks)
        {
            sink.Row(kind, cells);
        }
    }

    public IReadOnlyList<ReportFile> Complete()
    {
        foreach (var sink in _sinks)
        {
            var path = TempFiles.New(sink.Format);
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                sink.Complete(file);
            }

            using var read = File.OpenRead(path);
            _files.Add(new ReportFile(sink.Format, path, Convert.ToHexStringLower(SHA256.HashData(read)), read.Length));
        }

        return _files;
    }

    public void Dispose()
    {
        foreach (var sink in _sinks)
        {
            sink.Dispose();
        }

        foreach (var file in _files)
        {
            TempFiles.Delete(file.Path);
        }
    }
}
