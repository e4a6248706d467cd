using Backoffice.Core.Customers;
using Xunit;

namespace Backoffice.Customers.Tests;

/// <summary>Phones as customers in this market and beyond type them, read through libphonenumber into one E.164 key.</summary>
public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("8 912 345-67-89", "RU", "+79123456789")]
    [InlineData("8 (912) 345 67 89", "RU", "+79123456789")]
    [InlineData("+7 912 345-67-89", "RU", "+79123456789")]
    [InlineData("8 701 123 45 67", "KZ", "+77011234567")]
    [InlineData("8 029 123-45-67", "BY", "+375291234567")]
    [InlineData("0 67 123 45 67", "UA", "+380671234567")]
    [InlineData("90 123 45 67", "UZ", "+998901234567")]
    [InlineData("0171 1234567", "DE", "+491711234567")]
    [InlineData("(201) 555-0123", "US", "+12015550123")]
    [InlineData("07400 123456", "GB", "+447400123456")]
    public void A_national_number_is_read_in_its_region_and_stored_in_E164(string typed, string region, string e164) =>
        Assert.Equal(e164, Phones.Read(typed, region).E164);

    [Theory]
    [InlineData("+7 912 345 67 89", "+79123456789")]
    [InlineData("+998 90 123 45 67", "+998901234567")]
    [InlineData("00380 67 123 45 67", "+380671234567")]
    [InlineData("+44 7400 123456", "+447400123456")]
    public void An_international_number_needs_no_region_and_wins_over_one(string typed, string e164)
    {
        Assert.Equal(e164, Phones.Read(typed, null).E164);
        Assert.Equal(e164, Phones.Read(typed, "DE").E164);
    }

    [Fact]
    public void The_same_customer_typed_nationally_and_internationally_is_one_key() =>
        Assert.Equal(Phones.Normalise("8 912 345-67-89", "RU"), Phones.Normalise("+7 (912) 345-67-89"));

    [Theory]
    [InlineData("8 912 345-67", "RU")]
    [InlineData("0171 12", "DE")]
    [InlineData("(201) 055-0123", "US")]
    [InlineData("8 912 345-67-89 ext 12", "RU")]
    public void A_number_that_is_not_valid_for_its_region_is_refused_with_the_region_named(string typed, string region)
    {
        var reading = Phones.Read(typed, region);

        Assert.Null(reading.E164);
        Assert.Contains(region, reading.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_national_number_without_any_region_is_refused_with_a_way_out()
    {
        var reading = Phones.Read("8 912 345-67-89", null);

        Assert.Null(reading.E164);
        Assert.Contains("region", reading.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8 912 345", "RU", "+7912345")]
    [InlineData("8912", "RU", "+7912")]
    [InlineData("8 029 12", "BY", "+37529" + "12")]
    [InlineData("0171 12", "DE", "+4917112")]
    [InlineData("0 67", "UA", "+38067")]
    [InlineData("+7 912", "DE", "+7912")]
    [InlineData("8 912 345-67-89", "RU", "+79123456789")]
    public void Search_reads_national_input_in_the_merchants_region(string typed, string region, string prefix) =>
        Assert.Equal(prefix, Phones.SearchPrefix(typed, region));

    [Fact]
    public void A_number_stored_before_libphonenumber_checked_it_keeps_its_customer_key()
    {
        Assert.Null(Phones.Normalise("+491515551234"));
        Assert.Equal("+491515551234", Phones.Key("+491515551234"));
        Assert.Equal("+79123456789", Phones.Key("+79123456789"));
        Assert.Null(Phones.Key("=cmd|' /C calc'!A0"));
        Assert.Null(Phones.Key("+0151"));
    }

    [Theory]
    [InlineData("RU", true)]
    [InlineData("kz", true)]
    [InlineData("XX", false)]
    [InlineData("RUS", false)]
    [InlineData(null, false)]
    public void Regions_are_the_ones_libphonenumber_dials(string? region, bool known) => Assert.Equal(known, Phones.IsRegion(region));
}
