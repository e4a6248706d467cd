namespace Backoffice.Infra.Finance;

/// <summary>Finance settings (configuration section <c>Finance</c>).</summary>
public sealed class FinanceOptions
{
    public const string Section = "Finance";

    /// <summary>Order lines drawn in a PDF report; beyond it the PDF says how many more are in the CSV and XLSX.</summary>
    public int PdfLineLimit { get; set; } = 5_000;
}
