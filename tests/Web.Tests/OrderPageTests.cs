using System.Net;
using System.Text.Json;
using Backoffice.Web.Api;
using Backoffice.Web.Orders;
using Bunit;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class OrderPageTests
{
    private const string OrderPath = "/api/orders/shop-one/ORD-TEST1";

    [Fact]
    public async Task An_order_shows_its_lines_customer_and_timeline()
    {
        using var ctx = new ConsoleTestContext();
        await ctx.SignedInAsync();
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order());
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);

        var cut = ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=line-state]").Count));
        Assert.Contains("Anna Schmidt", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Blue shirt", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid=timeline] li").Count);
        Assert.Contains("Placed through own", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Bearer token-for-tests", ctx.Api.Requests.First(r => r.Path == OrderPath).Authorization);
    }

    [Fact]
    public async Task The_shops_name_for_the_order_and_the_customers_note_are_shown_on_the_order()
    {
        using var ctx = new ConsoleTestContext();
        await ctx.SignedInAsync();
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(displayName: "#1047", note: "Please call an hour before. The bell is broken."));
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);

        var cut = ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=customer-note]"));
        Assert.Equal("— in the shop #1047", cut.Find("h1 [data-testid=display-name]").TextContent);
        Assert.Equal("EXT-1", cut.Find("[data-testid=order-id]").TextContent);
        var note = cut.Find("[data-testid=customer-note]");
        Assert.Equal("Customer's note", note.QuerySelector("h2")!.TextContent);
        Assert.Equal("Please call an hour before. The bell is broken.", note.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public async Task The_shops_name_and_the_customers_note_are_shown_in_Russian_when_Russian_is_chosen()
    {
        using var ctx = new ConsoleTestContext(language: Localization.ConsoleCulture.Russian);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(displayName: "#1047", note: "Позвоните за час."));
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);

        var cut = ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=customer-note]"));
        Assert.Equal("— в магазине #1047", cut.Find("[data-testid=display-name]").TextContent);
        Assert.Equal("Комментарий покупателя", cut.Find("[data-testid=customer-note] h2").TextContent);
    }

    [Fact]
    public async Task An_order_the_shop_sent_without_a_name_or_note_shows_neither()
    {
        using var ctx = new ConsoleTestContext();
        await ctx.SignedInAsync();
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order());
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);

        var cut = ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=line-state]").Count));
        Assert.Empty(cut.FindAll("[data-testid=display-name]"));
        Assert.Empty(cut.FindAll("[data-testid=customer-note]"));
    }

    [Fact]
    public async Task Only_the_actions_the_API_allows_are_offered()
    {
        using var ctx = new ConsoleTestContext(role: "warehouse");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(stage: "packing", actions: ["pack"]));
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);

        var cut = ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));

        cut.WaitForAssertion(() => Assert.Contains("Record packing", ButtonTexts(cut)));
        Assert.DoesNotContain("Confirm order", ButtonTexts(cut));
        Assert.DoesNotContain("Cancel order", ButtonTexts(cut));
        Assert.Empty(cut.FindAll("details"));
    }

    [Fact]
    public async Task Nothing_to_do_is_said_when_no_action_is_allowed()
    {
        using var ctx = new ConsoleTestContext(role: "merchant", merchantId: "shop-one");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(actions: []));
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);

        var cut = ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=no-actions]"));
        Assert.Empty(ButtonTexts(cut));
    }

    [Fact]
    public async Task Confirming_sends_the_version_the_person_saw_and_reports_success()
    {
        using var ctx = new ConsoleTestContext();
        await ctx.SignedInAsync();
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(version: 2));
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);
        ctx.Api.On("POST", OrderPath + "/confirm", HttpStatusCode.OK, Samples.Order(stage: "packing", version: 4, actions: ["cancel", "cancel-lines"], timeline: false));

        var cut = ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));
        cut.WaitForAssertion(() => Assert.Contains("Confirm order", ButtonTexts(cut)));
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(stage: "packing", version: 4, actions: ["cancel", "cancel-lines"]));
        Button(cut, "Confirm order").Click();

        cut.WaitForAssertion(() => Assert.Contains("Order confirmed.", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal));
        var sent = JsonDocument.Parse(ctx.Api.Requests.Single(r => r.Method == "POST").Body!).RootElement;
        Assert.Equal(2, sent.GetProperty("expectedVersion").GetInt32());
        Assert.Equal(0, sent.GetProperty("droppedLines").GetArrayLength());
        Assert.Contains("Packing", cut.Find("header [data-testid=stage]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_someone_else_changed_the_order_first_the_person_is_told_and_sees_it_as_it_is_now()
    {
        using var ctx = new ConsoleTestContext();
        await ctx.SignedInAsync();
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(version: 2));
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);
        var fresh = Samples.Order(stage: "cancelled", version: 3, actions: [], timeline: false);
        ctx.Api.OnProblem("POST", OrderPath + "/confirm", HttpStatusCode.PreconditionFailed,
            $$"""{"type":"https://backoffice.example/problems/stale-version","title":"Someone changed the order since you loaded it.","status":412,"detail":"Expected version 2, found 3.","order":{{fresh}}}""");

        var cut = ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));
        cut.WaitForAssertion(() => Assert.Contains("Confirm order", ButtonTexts(cut)));
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(stage: "cancelled", version: 3, actions: []));
        Button(cut, "Confirm order").Click();

        cut.WaitForAssertion(() => Assert.Contains("Someone else changed this order", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Cancelled", cut.Find("header [data-testid=stage]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirm order", ButtonTexts(cut));
    }

    [Fact]
    public async Task Another_merchants_order_is_refused_in_place_without_showing_it()
    {
        using var ctx = new ConsoleTestContext(role: "merchant", merchantId: "shop-two");
        await ctx.SignedInAsync();
        ctx.Api.OnProblem("GET", OrderPath, HttpStatusCode.Forbidden,
            """{"type":"https://backoffice.example/problems/other-merchant","title":"This merchant's data is not yours to see.","status":403}""");
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);

        var cut = ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));

        cut.WaitForAssertion(() => Assert.Contains("not yours to see", cut.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Anna Schmidt", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=line-state]"));
    }

    private static List<string> ButtonTexts(IRenderedComponent<OrderPage> cut) =>
        cut.FindAll("fluent-button").Select(b => b.TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<OrderPage> cut, string text) =>
        cut.FindAll("fluent-button").First(b => b.TextContent.Trim() == text);
}
