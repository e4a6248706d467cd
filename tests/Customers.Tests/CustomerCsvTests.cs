using System.Text;
using Backoffice.Core.Customers;
using Backoffice.Core.Orders;
using Backoffice.Infra.Customers;
using Xunit;

namespace Backoffice.Customers.Tests;

public sealed class CustomerCsvTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static CustomerProfile Profile(string name, long lifetime, string currency = "EUR") => new(
        "shop", "CUS-000000000001", name, "+4915112345678", "anna@example.com", new Address("Main 1", null, "Berlin", null, null, "DE"), ["vip", "b2b"],
        new CustomerStats(3, 2, 1, 0, lifetime), currency, T0, T0.AddDays(3), "ORD-1", false, null);

    private static async IAsyncEnumerable<CustomerProfile> Async(params CustomerProfile[] profiles)
    {
        foreach (var p in profiles)
        {
            await Task.Yield();
            yield return p;
        }
    }

    [Fact]
    public async Task The_export_has_a_header_one_row_per_customer_and_exact_money()
    {
        using var output = new MemoryStream();

        await CustomerCsv.WriteAsync(output, Async(Profile("Anna Schmidt", 123456), Profile("Taro", 5000, "JPY")), c => c == "JPY" ? 0 : 2, default);

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Join(',', CustomerCsv.Header), lines[0]);
        Assert.Equal("CUS-000000000001,Anna Schmidt,+4915112345678,anna@example.com,DE,3,2,1,0,33.33,1234.56,123456,EUR,2026-11-16T09:00:00.0000000+00:00,2026-11-19T09:00:00.0000000+00:00,vip b2b,false", lines[1]);
        Assert.Contains(",5000,5000,JPY,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_are_escaped()
    {
        using var output = new MemoryStream();

        await CustomerCsv.WriteAsync(output, Async(Profile("=HYPERLINK(\"http://evil\")", 0), Profile("@SUM(A1)", 0), Profile("Anna, \"the\" buyer", 0)), _ => 2, default);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",@SUM", text, StringComparison.Ordinal);
        Assert.Contains(",'=HYPERLINK", text.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"Anna, \"\"the\"\" buyer\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(123456, 2, "1234.56")]
    [InlineData(5, 2, "0.05")]
    [InlineData(-5, 2, "-0.05")]
    [InlineData(1234, 0, "1234")]
    [InlineData(1234, 3, "1.234")]
    public void Minor_units_become_major_units_without_rounding(long minor, int exponent, string expected) =>
        Assert.Equal(expected, CustomerCsv.Major(minor, exponent));
}

/// <summary>The one CSV rule (issue 15, item 9): Excel in a German locale split <c>Anna;=1+1;x</c> at each ';'.</summary>
public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("Anna;=1+1;x", true)]
    [InlineData("a,b", true)]
    [InlineData("a\tb", true)]
    [InlineData("a\nb", true)]
    [InlineData("a\rb", true)]
    [InlineData("say \"hi\"", true)]
    [InlineData("Anna Schmidt", false)]
    [InlineData("", false)]
    [InlineData("'=1+1", true)]
    [InlineData("'quoted by hand", false)]
    public void Cells_holding_a_character_some_spreadsheet_splits_at_are_quoted(string cell, bool quoted) =>
        Assert.Equal(quoted, Backoffice.Infra.Csv.CsvCells.NeedsQuotes(cell));

    [Fact]
    public async Task The_customer_export_quotes_a_name_with_semicolons_so_no_locale_splits_it()
    {
        using var output = new MemoryStream();
        var profile = new CustomerProfile(
            "shop", "CUS-000000000001", "Anna;=1+1;x", "+4915112345678", "a;b@example.com", new Address("Main 1", null, "Berlin", null, null, "DE"), ["x;y"],
            new CustomerStats(1, 0, 0, 0, 0), "EUR", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "ORD-1", false, null);

        await Backoffice.Infra.Customers.CustomerCsv.WriteAsync(output, One(profile), _ => 2, default);

        var row = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n")[1];
        Assert.StartsWith("CUS-000000000001,\"Anna;=1+1;x\",+4915112345678,\"a;b@example.com\",DE,", row, StringComparison.Ordinal);
        Assert.Contains(",\"x;y\",false", row, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<CustomerProfile> One(CustomerProfile profile)
    {
        await Task.Yield();
        yield return profile;
    }
}
