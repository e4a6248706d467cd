using System.Net;
using Backoffice.Web.Customers;
using Backoffice.Web.Session;
using Bunit;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class CustomerProfilePageTests
{
    private const string Profile = "/api/merchants/shop-one/customers/CUS-ANNA";

    [Fact]
    public async Task The_profile_shows_contact_record_orders_calls_and_tags()
    {
        using var ctx = new ConsoleTestContext(role: Roles.Operator);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", Profile, HttpStatusCode.OK, CustomerSamples.Profile());

        var cut = ctx.Render<CustomerProfilePage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.CustomerId, "CUS-ANNA"));

        cut.WaitForAssertion(() => Assert.Equal("Anna Schmidt", cut.Find("[data-testid=customer-name]").TextContent));
        Assert.Equal("66.7 %", cut.Find("[data-testid=refusal-rate]").TextContent);
        Assert.Equal("€25.00", cut.Find("[data-testid=lifetime-value]").TextContent);
        Assert.Equal("vip", cut.Find("[data-testid=tags]").TextContent);
        Assert.Contains("+4915112345678", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(["orders/shop-one/ORD-TEST1", "orders/shop-one/ORD-OLD1"], cut.FindAll("[data-testid=customer-order]").Select(a => a.GetAttribute("href")));
        var call = cut.Find("[data-testid=calls] li").TextContent;
        Assert.Contains("No answer", call, StringComparison.Ordinal);
        Assert.Contains("Try after six", call, StringComparison.Ordinal);
        Assert.Contains("op-7", call, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=high-refusal-risk]"));
    }

    [Fact]
    public async Task An_operator_may_read_a_customer_but_is_not_offered_the_erasure()
    {
        using var ctx = new ConsoleTestContext(role: Roles.Operator);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", Profile, HttpStatusCode.OK, CustomerSamples.Profile());

        var cut = ctx.Render<CustomerProfilePage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.CustomerId, "CUS-ANNA"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=customer-name]"));
        Assert.DoesNotContain(ButtonTexts(cut), t => t.StartsWith("Erase", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Roles.Merchant, "shop-one")]
    [InlineData(Roles.Supervisor, null)]
    public async Task Erasing_personal_data_asks_first_and_sends_nothing_until_confirmed(string role, string? merchantId)
    {
        using var ctx = new ConsoleTestContext(role, merchantId);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", Profile, HttpStatusCode.OK, CustomerSamples.Profile());
        ctx.Api.On("POST", Profile + "/erasure", HttpStatusCode.OK, """{"customerId":"CUS-ANNA","erased":true}""");
        var cut = ctx.Render<CustomerProfilePage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.CustomerId, "CUS-ANNA"));
        cut.WaitForAssertion(() => Assert.Contains("Erase personal data…", ButtonTexts(cut)));

        Button(cut, "Erase personal data…").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=erase-confirmation]"));
        Assert.Contains("cannot be undone", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(ctx.Api.Requests, r => r.Method == "POST");
        Button(cut, "Keep the data").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=erase-confirmation]")));
        Assert.DoesNotContain(ctx.Api.Requests, r => r.Method == "POST");

        Button(cut, "Erase personal data…").Click();
        ctx.Api.On("GET", Profile, HttpStatusCode.OK, CustomerSamples.Profile(erased: true));
        Button(cut, "Yes, erase personal data").Click();

        cut.WaitForAssertion(() => Assert.Contains("Personal data erased.", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal));
        Assert.Single(ctx.Api.Requests, r => r.Method == "POST" && r.Path == Profile + "/erasure");
        Assert.Single(cut.FindAll("[data-testid=erased]"));
        Assert.DoesNotContain("anna@example.com", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(ButtonTexts(cut), t => t.StartsWith("Erase", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_erasure_is_shown_in_place_and_the_data_stays_on_screen()
    {
        using var ctx = new ConsoleTestContext(role: Roles.Merchant, merchantId: "shop-one");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", Profile, HttpStatusCode.OK, CustomerSamples.Profile());
        ctx.Api.OnProblem("POST", Profile + "/erasure", HttpStatusCode.NotFound, """{"title":"No such customer.","status":404}""");
        var cut = ctx.Render<CustomerProfilePage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.CustomerId, "CUS-ANNA"));
        cut.WaitForAssertion(() => Assert.Contains("Erase personal data…", ButtonTexts(cut)));

        Button(cut, "Erase personal data…").Click();
        Button(cut, "Yes, erase personal data").Click();

        cut.WaitForAssertion(() => Assert.Contains("No such customer.", cut.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Anna Schmidt", cut.Find("[data-testid=customer-name]").TextContent);
    }

    private static List<string> ButtonTexts(IRenderedComponent<CustomerProfilePage> cut) => cut.FindAll("fluent-button").Select(b => b.TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<CustomerProfilePage> cut, string text) => cut.FindAll("fluent-button").First(b => b.TextContent.Trim() == text);
}
