using System.Globalization;
using Backoffice.Core.Customers;
using Backoffice.Infra.Csv;
using CsvHelper;

namespace Backoffice.Infra.Customers;

/// <summary>
/// The merchant's customer base as CSV (RFC 4180, UTF-8, invariant culture), escaped by the product's one CSV rule
/// (<see cref="CsvCells"/>): free text that a spreadsheet would run as a formula gets a leading apostrophe, and any cell
/// holding ; , tab, a line break or a quote is quoted. The phone column is exempt from the apostrophe because it is
/// validated E.164 (+ and digits only), and an apostrophe would corrupt every number in it.
/// Money is exact: minor units, plus the amount in major units as text.
/// </summary>
public static class CustomerCsv
{
    public static readonly string[] Header =
    [
        "CustomerId", "Name", "Phone", "Email", "Country", "Orders", "Delivered", "Refused", "Cancelled", "RefusalRatePercent",
        "LifetimeValue", "LifetimeValueMinor", "Currency", "FirstOrderAt", "LastOrderAt", "Tags", "Erased",
    ];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<CustomerProfile> customers, Func<string, int> currencyExponent, CancellationToken ct)
    {
        var options = CsvCells.Options(new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\r\n" });
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        await csv.WriteRecordAsync(Header, ct).ConfigureAwait(false);
        await foreach (var c in customers.WithCancellation(ct).ConfigureAwait(false))
        {
            await csv.WriteRecordAsync(Row(c, currencyExponent), ct).ConfigureAwait(false);
        }

        await csv.FlushAsync(ct).ConfigureAwait(false);
    }

    public static string[] Row(CustomerProfile c, Func<string, int> currencyExponent) =>
    [
        c.CustomerId,
        Safe(c.Name),
        c.Phone is { } phone && Phones.Key(phone) == phone ? phone : Safe(c.Phone),
        Safe(c.Email),
        c.Address?.Country ?? string.Empty,
        Text(c.Stats.Orders),
        Text(c.Stats.Delivered),
        Text(c.Stats.Refused),
        Text(c.Stats.Cancelled),
        (c.Stats.RefusalRateBasisPoints / 100m).ToString("0.00", CultureInfo.InvariantCulture),
        Major(c.Stats.LifetimeValue, c.Currency.Length == 0 ? 2 : currencyExponent(c.Currency)),
        Text(c.Stats.LifetimeValue),
        c.Currency,
        c.FirstOrderAt.ToString("O", CultureInfo.InvariantCulture),
        c.LastOrderAt.ToString("O", CultureInfo.InvariantCulture),
        Safe(string.Join(' ', c.Tags)),
        c.Erased ? "true" : "false",
    ];

    /// <summary>Minor units as a decimal string with the currency's exponent: 123456 EUR → "1234.56", no rounding.</summary>
    public static string Major(long minor, int exponent)
    {
        if (exponent == 0)
        {
            return Text(minor);
        }

        var sign = minor < 0 ? "-" : string.Empty;
        var digits = Math.Abs((decimal)minor).ToString(CultureInfo.InvariantCulture).PadLeft(exponent + 1, '0');
        return $"{sign}{digits[..^exponent]}.{digits[^exponent..]}";
    }

    /// <summary>Free text as the CSV rule writes it (<see cref="CsvCells.Defused"/>).</summary>
    public static string Safe(string? text) => CsvCells.Defused(text);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
