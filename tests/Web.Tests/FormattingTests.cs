using Backoffice.Web.Formatting;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class FormattingTests
{
    [Theory]
    [InlineData("customerChangedMind", "Customer changed mind")]
    [InlineData("supplierPickup", "Supplier pickup")]
    [InlineData("cash-handover", "Cash handover")]
    [InlineData("OrderDelivered", "Order delivered")]
    public void Api_identifiers_read_as_words(string value, string expected) => Assert.Equal(expected, Words.Humanize(value));

    [Theory]
    [InlineData(123456, "EUR", "1,234.56 EUR")]
    [InlineData(5, "EUR", "0.05 EUR")]
    [InlineData(1500, "JPY", "1,500 JPY")]
    [InlineData(1234, "KWD", "1.234 KWD")]
    [InlineData(-250, "USD", "-2.50 USD")]
    public void Minor_units_are_shown_with_the_currencys_own_decimals(long minor, string currency, string expected) =>
        Assert.Equal(expected, MoneyText.Format(minor, currency));

    [Theory]
    [InlineData("60.00", "EUR", 6000L)]
    [InlineData("1,234.5", "EUR", 123450L)]
    [InlineData("12", "JPY", 12L)]
    [InlineData("0.001", "EUR", null)]
    [InlineData("twelve", "EUR", null)]
    [InlineData("", "EUR", null)]
    public void Typed_amounts_become_exact_minor_units_or_nothing(string text, string currency, long? expected) =>
        Assert.Equal(expected, MoneyText.Parse(text, currency));

    [Fact]
    public void An_editable_amount_parses_back_to_the_same_minor_units()
    {
        foreach (var (minor, currency) in new[] { (6000L, "EUR"), (7L, "USD"), (1500L, "JPY"), (1001L, "BHD") })
        {
            Assert.Equal(minor, MoneyText.Parse(MoneyText.Editable(minor, currency), currency));
        }
    }

    [Theory]
    [InlineData(90, "1m 30s left")]
    [InlineData(3900, "1h 05m left")]
    [InlineData(-750, "overdue by 12m 30s")]
    [InlineData(-90000, "overdue by 1d 01h")]
    public void A_deadline_reads_as_time_left_or_time_overdue(int secondsLeft, string expected)
    {
        var now = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, TimeText.Countdown(now.AddSeconds(secondsLeft), now));
    }
}
