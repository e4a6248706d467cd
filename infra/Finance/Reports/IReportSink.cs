namespace Backoffice.Infra.Finance.Reports;

/// <summary>
/// One output format, fed row by row so no format holds the whole report in memory (the PDF caps its order lines).
/// Cells are strings (text), longs (money in minor units) or ints (counts). Output is deterministic: the same rows
/// give the same bytes.
/// </summary>
public interface IReportSink : IDisposable
{
    string Format { get; }

    void Row(ReportRowKind kind, IReadOnlyList<object?> cells);

    /// <summary>Finishes the file and copies it to <paramref name="output"/>.</summary>
    void Complete(Stream output);
}
