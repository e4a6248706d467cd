using Backoffice.Infra.Finance.Reports;
using Xunit;

namespace Backoffice.Finance.Tests;

/// <summary>Finance CSV files follow the product's one CSV rule (issue 15, item 9).</summary>
public sealed class FinanceCsvEscapingTests
{
    [Fact]
    public void A_text_cell_with_a_semicolon_is_quoted_and_a_formula_is_defused_in_the_finance_csv()
    {
        var heading = new ReportHeading("Settlement", [new("Merchant", "shop-one")], "EUR",
            [new ReportColumn("customer", "Customer", ReportValue.Text, 20), new ReportColumn("cash", "Cash", ReportValue.Money, 10)]);
        using var set = new ReportSet(heading, 100);
        set.Row(ReportRowKind.Line, "Anna;=1+1;x", 1250L);
        set.Row(ReportRowKind.Line, "=HYPERLINK(\"http://evil\")", 100L);
        set.Row(ReportRowKind.Line, "Tab\tand comma, here", 0L);

        var csv = File.ReadAllText(set.Complete().Single(f => f.Format == "csv").Path);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("\"Anna;=1+1;x\",12.50", lines[1]);
        Assert.StartsWith("\"'=HYPERLINK(", lines[2], StringComparison.Ordinal);
        Assert.Equal("\"Tab\tand comma, here\",0.00", lines[3]);
    }
}
