using Backoffice.Core.Customers;
using Backoffice.Core.Orders;
using Xunit;

namespace Backoffice.Customers.Tests;

public sealed class IdentityAndMaskingTests
{
    [Theory]
    [InlineData("+49 151 1234 5678", "+4915112345678")]
    [InlineData("0049-151-1234-5678", "+4915112345678")]
    [InlineData("+1 (212) 555.0100", "+12125550100")]
    [InlineData("015112345678", null)]
    [InlineData("+0 151 1234", null)]
    [InlineData("+49 151 ext 12", null)]
    [InlineData("+1234567", null)]
    [InlineData("", null)]
    public void Phones_are_keyed_in_E164_form(string text, string? expected) => Assert.Equal(expected, Phones.Normalise(text));

    [Theory]
    [InlineData("+49 151", "+49151")]
    [InlineData("49151", "+49151")]
    [InlineData("0049", "+49")]
    [InlineData("+", null)]
    [InlineData("+49x", null)]
    public void Phone_search_takes_the_start_of_an_international_number(string text, string? expected) => Assert.Equal(expected, Phones.SearchPrefix(text));

    [Theory]
    [InlineData(" Anna.Schmidt@Example.COM ", "anna.schmidt@example.com")]
    [InlineData("anna@example", null)]
    [InlineData("anna example.com", null)]
    [InlineData(null, null)]
    public void Emails_are_trimmed_and_lower_cased(string? text, string? expected) => Assert.Equal(expected, EmailAddresses.Normalise(text));

    [Fact]
    public void Names_are_searchable_by_their_start_and_by_each_later_word_without_accents()
    {
        Assert.Equal(new[] { "jose maria garcia", "maria", "garcia" }, CustomerNames.SearchKeys("  José-María  GARCÍA "));
        Assert.Equal(new[] { "ольга иванова", "иванова" }, CustomerNames.SearchKeys("Ольга Иванова"));
        Assert.Empty(CustomerNames.SearchKeys("  --  "));
        Assert.Equal("anna s", CustomerNames.Normalise("Anna S."));
    }

    [Fact]
    public void Logs_get_masked_phones_emails_and_names()
    {
        Assert.Equal("+49********678", PersonalData.MaskPhone("+4915112345678"));
        Assert.Equal("a***@example.com", PersonalData.MaskEmail("anna@example.com"));
        Assert.Equal("A*** S***", PersonalData.MaskName("Anna Schmidt"));
        Assert.DoesNotContain("1234", PersonalData.MaskPhone("+4915112345678"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_anonymised_customer_keeps_only_the_country()
    {
        var erased = PersonalData.Anonymise(new Customer("Anna", "+4915112345678", "anna@example.com", new Address("Main 1", "Flat 2", "Berlin", "BE", "10115", "DE")));

        Assert.True(PersonalData.IsAnonymised(erased));
        Assert.Equal(new Customer(PersonalData.ErasedName, string.Empty, null, new Address(string.Empty, null, string.Empty, null, null, "DE")), erased);
    }

    [Theory]
    [InlineData(" VIP ", "vip")]
    [InlineData("wholesale_b2b", "wholesale_b2b")]
    [InlineData("no spaces", null)]
    [InlineData("", null)]
    [InlineData("a-tag-that-is-much-too-long-to-keep-x", null)]
    public void Tags_are_short_lower_case_words(string tag, string? expected) => Assert.Equal(expected, CustomerTags.Normalise(tag));
}
