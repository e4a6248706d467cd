using Backoffice.Api.Kpi;
using Backoffice.Contracts.Kpi;
using Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>KPI CSV files follow the product's one CSV rule (issue 15, item 9).</summary>
public sealed class KpiCsvEscapingTests
{
    [Fact]
    public void Text_cells_with_semicolons_are_quoted_and_formulas_defused_in_the_kpi_csv()
    {
        var day = new DateOnly(2026, 11, 16);
        var report = new KpiReport<FunnelRow>("Anna;=1+1;x", "shop-one", "EUR", "=cmd", "view", "day", day, day,
            [new FunnelRow("2026-11-16", day, day, 3, 2, 1, 1, 1)], null);
        var columns = new (string, Func<KpiCsvContext<FunnelRow>, object?>)[]
        {
            ("scope", c => c.Report.Scope), ("view", c => c.Report.View), ("created", c => c.Row.Created),
        };

        var lines = KpiCsv.Write(report, columns).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("\"Anna;=1+1;x\",\"'=cmd\",3", lines[1]);
    }
}
