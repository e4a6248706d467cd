namespace Backoffice.Infra.Finance.Reports;

public enum ReportValue
{
    Text,
    Money,
    Count,
}

/// <summary>A column of a finance report: its machine key (CSV header), its title, its kind and its width in characters.</summary>
public sealed record ReportColumn(string Key, string Title, ReportValue Kind, int Width);

public enum ReportRowKind
{
    /// <summary>An order line; the PDF shows up to its line limit, the CSV and XLSX show all.</summary>
    Line,

    /// <summary>A correction or refund: always shown.</summary>
    Adjustment,

    /// <summary>The totals row: always shown, emphasised.</summary>
    Total,
}

/// <summary>What every format prints above the table: title, facts (merchant, period, currency...) and the columns.</summary>
public sealed record ReportHeading(string Title, IReadOnlyList<KeyValuePair<string, string>> Facts, string Currency, IReadOnlyList<ReportColumn> Columns);
