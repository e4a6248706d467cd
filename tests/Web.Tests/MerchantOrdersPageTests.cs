using System.Net;
using Backoffice.Web.Orders;
using Bunit;
using Xunit;

namespace Backoffice.Web.Tests;

/// <summary>A merchant's orders: the shop's name for each, and finding one by it (issue 14, item 2).</summary>
public sealed class MerchantOrdersPageTests
{
    private const string OrdersPath = "/api/merchants/shop-one/orders";

    private const string Page = """
        {"items":[
          {"merchantId":"shop-one","orderId":"ORD-NAMED","externalOrderId":"5891623452817","placedAt":"2026-11-16T08:00:00+00:00","stage":"Confirmation","updatedAt":"2026-11-16T08:00:00+00:00","displayName":"#1047"},
          {"merchantId":"shop-one","orderId":"ORD-PLAIN","externalOrderId":"EXT-2","placedAt":"2026-11-15T08:00:00+00:00","stage":"Delivered","updatedAt":"2026-11-16T07:00:00+00:00"}]}
        """;

    [Fact]
    public async Task Each_order_shows_the_shops_name_for_it()
    {
        using var ctx = new ConsoleTestContext(role: "supervisor");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", OrdersPath, HttpStatusCode.OK, Page);

        var cut = ctx.Render<MerchantOrdersPage>(p => p.Add(c => c.MerchantId, "shop-one"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=merchant-order]").Count));
        Assert.Equal(["#1047", string.Empty], cut.FindAll("[data-testid=merchant-order-name]").Select(n => n.TextContent));
    }

    [Fact]
    public async Task Finding_an_order_by_the_shops_name_asks_the_api_for_that_name_and_shows_only_the_match()
    {
        using var ctx = new ConsoleTestContext(role: "supervisor");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", OrdersPath, request => request.RequestUri!.Query.Contains("displayName=", StringComparison.Ordinal)
            ? (HttpStatusCode.OK, """{"items":[{"merchantId":"shop-one","orderId":"ORD-NAMED","externalOrderId":"5891623452817","placedAt":"2026-11-16T08:00:00+00:00","stage":"Confirmation","updatedAt":"2026-11-16T08:00:00+00:00","displayName":"#1047"}]}""", "application/json")
            : (HttpStatusCode.OK, Page, "application/json"));
        var cut = ctx.Render<MerchantOrdersPage>(p => p.Add(c => c.MerchantId, "shop-one"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=merchant-order]").Count));

        await FindAsync(cut, " #1047 ");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=merchant-order]")));
        Assert.Equal("?displayName=%231047", ctx.Api.Requests.Last(r => r.Path == OrdersPath).Query);
        Assert.Equal("#1047", cut.Find("[data-testid=merchant-order-name]").TextContent);
        Assert.DoesNotContain(cut.FindAll("fluent-button"), b => b.TextContent.Trim() == "Next page");
    }

    [Fact]
    public async Task A_name_no_order_has_says_so_and_all_orders_come_back_on_request()
    {
        using var ctx = new ConsoleTestContext(role: "supervisor");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", OrdersPath, request => request.RequestUri!.Query.Contains("displayName=", StringComparison.Ordinal)
            ? (HttpStatusCode.OK, """{"items":[]}""", "application/json")
            : (HttpStatusCode.OK, Page, "application/json"));
        var cut = ctx.Render<MerchantOrdersPage>(p => p.Add(c => c.MerchantId, "shop-one"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=merchant-order]").Count));

        await FindAsync(cut, "#9999");
        cut.WaitForAssertion(() => Assert.Contains("No order is named #9999.", cut.Markup, StringComparison.Ordinal));
        cut.FindAll("fluent-button").First(b => b.TextContent.Trim() == "Show all").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=merchant-order]").Count));
    }

    private static async Task FindAsync(IRenderedComponent<MerchantOrdersPage> cut, string text)
    {
        await cut.InvokeAsync(() => cut.FindComponents<Microsoft.FluentUI.AspNetCore.Components.FluentTextInput>()
            .Single(i => i.Instance.Id == "order-find").Instance.ValueChanged.InvokeAsync(text));
        cut.Find("form[role=search]").Submit();
    }
}
