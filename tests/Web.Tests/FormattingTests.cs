using Backoffice.Web.Formatting;
using Backoffice.Web.Localization;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class FormattingTests
{
    public FormattingTests() => ConsoleCulture.Apply(ConsoleCulture.English);

    [Theory]
    [InlineData("customerChangedMind", "Customer changed mind")]
    [InlineData("supplierPickup", "Supplier pickup")]
    [InlineData("cash-handover", "Cash handover")]
    [InlineData("OrderDelivered", "Order delivered")]
    public void Api_identifiers_read_as_words(string value, string expected) => Assert.Equal(expected, Words.Humanize(value));

    [Theory]
    [InlineData("en", 123456, "EUR", "€1,234.56")]
    [InlineData("en", 5, "EUR", "€0.05")]
    [InlineData("en", 1234, "KWD", "KWD1.234")]
    [InlineData("en", -250, "USD", "-$2.50")]
    [InlineData("ru", 123456, "EUR", "1\u00A0234,56 €")]
    [InlineData("ru", 648000, "RUB", "6\u00A0480,00 ₽")]
    [InlineData("ru", 1500, "JPY", "1\u00A0500 ￥")]
    public void Minor_units_are_shown_with_the_currencys_own_decimals_in_the_chosen_culture(string language, long minor, string currency, string expected)
    {
        ConsoleCulture.Apply(language);
        Assert.Equal(expected, MoneyText.Format(minor, currency));
    }

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

    [Theory]
    [InlineData("en", "04/12/2026 23:09", "Times in Europe/Moscow (UTC+03:00)")]
    [InlineData("ru", "04.12.2026 23:09", "Время: Europe/Moscow (UTC+03:00)")]
    public void A_time_is_shown_in_the_merchants_zone_and_the_chosen_culture_and_the_zone_is_named(string language, string expectedTime, string expectedCaption)
    {
        ConsoleCulture.Apply(language);
        var placed = new DateTimeOffset(2026, 12, 4, 20, 9, 0, TimeSpan.Zero);
        var moscow = TimeText.Zone("Europe/Moscow");

        Assert.Equal(expectedTime, TimeText.At(placed, moscow));
        Assert.Equal(expectedCaption, TimeText.ZoneCaption(moscow, placed));
    }

    [Theory]
    [InlineData("ru", "12,5", "EUR", 1250L)]
    [InlineData("ru", "1 234,50", "EUR", 123450L)]
    [InlineData("ru", "12.5", "EUR", 1250L)]
    [InlineData("en", "1,234.5", "EUR", 123450L)]
    public void Amounts_typed_the_way_the_chosen_culture_writes_them_become_exact_minor_units(string language, string text, string currency, long expected)
    {
        ConsoleCulture.Apply(language);
        Assert.Equal(expected, MoneyText.Parse(text, currency));
    }

    [Theory]
    [InlineData(null, "ru-RU", "ru")]
    [InlineData(null, "ru", "ru")]
    [InlineData(null, "en-US", "en")]
    [InlineData(null, "de-DE", "en")]
    [InlineData(null, null, "en")]
    [InlineData("en", "ru-RU", "en")]
    [InlineData("ru", "en-US", "ru")]
    [InlineData("fr", "ru-RU", "ru")]
    public void The_stored_choice_wins_then_the_browsers_language_with_Russian_for_ru_and_English_otherwise(string? stored, string? browser, string expected) =>
        Assert.Equal(expected, ConsoleCulture.Choose(stored, browser));

    [Theory]
    [InlineData("en", "customerChangedMind", "Customer changed mind")]
    [InlineData("ru", "customerChangedMind", "Клиент передумал")]
    [InlineData("ru", "cashOnDelivery", "Наложенный платёж")]
    [InlineData("ru", "somethingNew", "Something new")]
    public void Api_identifiers_read_as_words_in_the_chosen_language(string language, string value, string expected)
    {
        ConsoleCulture.Apply(language);
        Assert.Equal(expected, Words.Humanize(value));
    }
}
