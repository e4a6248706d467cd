using System.Net;
using System.Text.Json;
using Backoffice.Web.Customers;
using Backoffice.Web.Layout;
using Backoffice.Web.Session;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class CustomersPageTests
{
    private const string Customers = "/api/merchants/shop-one/customers";

    [Fact]
    public async Task The_list_shows_each_customers_record_links_their_profile_and_flags_frequent_refusers()
    {
        using var ctx = new ConsoleTestContext(role: Roles.Merchant, merchantId: "shop-one");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", Customers, HttpStatusCode.OK, CustomerSamples.Page(null, CustomerSamples.Anna, CustomerSamples.John));

        var cut = ctx.Render<CustomersPage>(p => p.Add(c => c.MerchantId, "shop-one"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=customer]").Count));
        var anna = cut.FindAll("tr").Single(r => r.TextContent.Contains("Anna Schmidt", StringComparison.Ordinal));
        Assert.Contains("66.7 %", anna.TextContent, StringComparison.Ordinal);
        Assert.Contains("€25.00", anna.TextContent, StringComparison.Ordinal);
        Assert.Contains("High refusal risk", anna.TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=high-refusal-risk]"));
        Assert.Equal("customers/shop-one/CUS-ANNA", cut.FindAll("[data-testid=customer]")[0].GetAttribute("href"));
        Assert.Equal("My customers", cut.Find("h1").TextContent);
        Assert.Contains("?pageSize=25", ctx.Api.Requests.Single(r => r.Path == Customers).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_that_starts_like_a_number_searches_phones_and_anything_else_names()
    {
        using var ctx = new ConsoleTestContext(role: Roles.Operator);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", Customers, HttpStatusCode.OK, CustomerSamples.Page(null, CustomerSamples.Anna, CustomerSamples.John));
        ctx.Api.On("POST", Customers + "/search", HttpStatusCode.OK, CustomerSamples.Page(null, CustomerSamples.Anna));
        var cut = ctx.Render<CustomersPage>(p => p.Add(c => c.MerchantId, "shop-one"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=customer]").Count));

        await SearchAsync(cut, "+49 151");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=customer]")));
        await SearchAsync(cut, "Schm");
        cut.WaitForAssertion(() => Assert.Equal(2, ctx.Api.Requests.Count(r => r.Method == "POST")));

        var sent = ctx.Api.Requests.Where(r => r.Method == "POST").Select(r => JsonDocument.Parse(r.Body!).RootElement).ToArray();
        Assert.Equal("+49 151", sent[0].GetProperty("phone").GetString());
        Assert.False(sent[0].TryGetProperty("name", out _));
        Assert.Equal("Schm", sent[1].GetProperty("name").GetString());
        Assert.False(sent[1].TryGetProperty("phone", out _));
        Assert.Contains("Customers of shop-one", cut.Find("h1").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_page_of_a_search_sends_the_same_search_with_the_continuation_token()
    {
        using var ctx = new ConsoleTestContext(role: Roles.Merchant, merchantId: "shop-one");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", Customers, HttpStatusCode.OK, CustomerSamples.Page(null, CustomerSamples.Anna));
        ctx.Api.On("POST", Customers + "/search", HttpStatusCode.OK, CustomerSamples.Page("page-2", CustomerSamples.Anna));
        var cut = ctx.Render<CustomersPage>(p => p.Add(c => c.MerchantId, "shop-one"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=customer]"));
        await SearchAsync(cut, "anna");
        cut.WaitForAssertion(() => Assert.False(Button(cut, "Next page").HasAttribute("disabled")));

        Button(cut, "Next page").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, ctx.Api.Requests.Count(r => r.Method == "POST")));
        var second = JsonDocument.Parse(ctx.Api.Requests.Last(r => r.Method == "POST").Body!).RootElement;
        Assert.Equal(("anna", "page-2"), (second.GetProperty("name").GetString(), second.GetProperty("continuationToken").GetString()));
        cut.WaitForAssertion(() => Assert.Contains("Page 2", cut.Find(".page-number").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_match_says_so_and_the_export_is_offered_to_the_owner_but_not_to_an_operator()
    {
        using var owner = new ConsoleTestContext(role: Roles.Merchant, merchantId: "shop-one");
        await owner.SignedInAsync();
        owner.Api.On("GET", Customers, HttpStatusCode.OK, CustomerSamples.Page());
        var mine = owner.Render<CustomersPage>(p => p.Add(c => c.MerchantId, "shop-one"));
        mine.WaitForAssertion(() => Assert.Contains("No customers yet.", mine.Markup, StringComparison.Ordinal));
        Assert.Contains("Export CSV", ButtonTexts(mine));

        using var staff = new ConsoleTestContext(role: Roles.Operator);
        await staff.SignedInAsync();
        staff.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        staff.Api.On("GET", Customers, HttpStatusCode.OK, CustomerSamples.Page(null, CustomerSamples.John));
        var theirs = staff.Render<CustomersPage>(p => p.Add(c => c.MerchantId, "shop-one"));
        theirs.WaitForAssertion(() => theirs.Find("[data-testid=customer]"));
        Assert.DoesNotContain("Export CSV", ButtonTexts(theirs));
    }

    [Fact]
    public async Task The_export_downloads_the_csv_with_the_persons_token()
    {
        using var ctx = new ConsoleTestContext(role: Roles.Supervisor);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", Customers, HttpStatusCode.OK, CustomerSamples.Page(null, CustomerSamples.John));
        ctx.Api.On("GET", Customers + "/export.csv", HttpStatusCode.OK, "customerId,name\nCUS-JOHN,John Miller\n", "text/csv");
        var save = ctx.JSInterop.SetupVoid("backofficeConsole.saveFile", _ => true);
        var cut = ctx.Render<CustomersPage>(p => p.Add(c => c.MerchantId, "shop-one"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=customer]"));

        Button(cut, "Export CSV").Click();

        cut.WaitForAssertion(() => Assert.Single(save.Invocations));
        Assert.Equal("customers-shop-one.csv", save.Invocations.Single().Arguments[0]);
        Assert.Equal("Bearer token-for-tests", ctx.Api.Requests.Single(r => r.Path == Customers + "/export.csv").Authorization);
    }

    [Fact]
    public async Task Another_merchants_customers_are_refused_in_place()
    {
        using var ctx = new ConsoleTestContext(role: Roles.Merchant, merchantId: "shop-two");
        await ctx.SignedInAsync();
        ctx.Api.OnProblem("GET", Customers, HttpStatusCode.Forbidden,
            """{"type":"https://backoffice.example/problems/other-merchant","title":"This merchant's data is not yours to see.","status":403}""");

        var cut = ctx.Render<CustomersPage>(p => p.Add(c => c.MerchantId, "shop-one"));

        cut.WaitForAssertion(() => Assert.Contains("not yours to see", cut.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=customer]"));
    }

    [Fact]
    public async Task A_merchant_owner_opening_customers_goes_to_their_own_base()
    {
        using var ctx = new ConsoleTestContext(role: Roles.Merchant, merchantId: "shop-one");
        await ctx.SignedInAsync();

        ctx.Render<CustomersIndexPage>();

        Assert.EndsWith("/customers/shop-one", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Operator, "Customers", "customers")]
    [InlineData(Roles.Supervisor, "Customers", "customers")]
    [InlineData(Roles.Merchant, "My customers", "customers/shop-one")]
    public void The_navigation_offers_customers_to_the_roles_that_may_read_them(string role, string text, string href)
    {
        using var ctx = new ConsoleTestContext(role);
        var cut = ctx.Render<NavMenu>(p => p.Add(c => c.User, new SignedInUser(role, role == Roles.Merchant ? "shop-one" : null, role, SignInKind.Development, "t", null)));

        var link = cut.FindAll("a").Single(a => a.TextContent == text);
        Assert.Equal(href, link.GetAttribute("href"));
    }

    [Theory]
    [InlineData(Roles.Warehouse)]
    [InlineData(Roles.Courier)]
    [InlineData(Roles.Finance)]
    public void Roles_that_may_not_read_customers_are_not_offered_them(string role)
    {
        using var ctx = new ConsoleTestContext(role);
        var cut = ctx.Render<NavMenu>(p => p.Add(c => c.User, new SignedInUser(role, null, role, SignInKind.Development, "t", null)));

        Assert.DoesNotContain(cut.FindAll("a"), a => a.GetAttribute("href")?.StartsWith("customers", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("+49151", "+49151", null)]
    [InlineData(" 0049 151 ", "0049 151", null)]
    [InlineData("4915", "4915", null)]
    [InlineData("Schmidt", null, "Schmidt")]
    [InlineData(" anna s ", null, "anna s")]
    public void What_the_person_types_becomes_a_phone_or_a_name_search(string typed, string? phone, string? name)
    {
        var search = CustomerSearchText.ToRequest(typed, 25);
        Assert.Equal((phone, name, 25), (search!.Phone, search.Name, search.PageSize));
    }

    [Fact]
    public void An_empty_search_box_means_every_customer() => Assert.Null(CustomerSearchText.ToRequest("   ", 25));

    private static async Task SearchAsync(IRenderedComponent<CustomersPage> cut, string text)
    {
        await cut.InvokeAsync(() => cut.FindComponents<Microsoft.FluentUI.AspNetCore.Components.FluentTextInput>()
            .Single(i => i.Instance.Id == "customer-search").Instance.ValueChanged.InvokeAsync(text));
        cut.Find("form[role=search]").Submit();
    }

    private static List<string> ButtonTexts(IRenderedComponent<CustomersPage> cut) => cut.FindAll("fluent-button").Select(b => b.TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<CustomersPage> cut, string text) => cut.FindAll("fluent-button").First(b => b.TextContent.Trim() == text);
}
