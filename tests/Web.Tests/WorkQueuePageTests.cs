using System.Net;
using Backoffice.Web.Orders;
using Bunit;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class WorkQueuePageTests
{
    [Fact]
    public async Task An_empty_queue_says_there_is_nothing_waiting()
    {
        using var ctx = new ConsoleTestContext();
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", "/api/work/confirmation", HttpStatusCode.OK, """{"items":[]}""");

        var cut = ctx.Render<WorkQueuePage>(p => p.Add(c => c.StageSlug, "confirmation"));

        cut.WaitForAssertion(() => Assert.Contains("Nothing waiting in this queue.", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overdue_work_is_marked_and_counts_down_and_the_next_page_is_offered()
    {
        using var ctx = new ConsoleTestContext(role: "supervisor");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", "/api/work/packing", HttpStatusCode.OK, """
            {"items":[
              {"merchantId":"shop-one","orderId":"ORD-LATE","stage":"packing","dueAt":"2026-11-16T08:30:00+00:00","misses":1,"escalated":true,"overdue":true},
              {"merchantId":"shop-one","orderId":"ORD-SOON","stage":"packing","dueAt":"2026-11-16T10:00:00+00:00","misses":0,"escalated":false,"overdue":false}],
             "continuationToken":"next-page"}
            """);

        var cut = ctx.Render<WorkQueuePage>(p => p.Add(c => c.StageSlug, "packing"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=work-order]").Count));
        var rows = cut.FindAll("tr.row-overdue");
        Assert.Single(rows);
        Assert.Contains("ORD-LATE", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("overdue by 30m 00s", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1h 00m left", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("orders/shop-one/ORD-LATE", cut.FindAll("[data-testid=work-order]")[0].GetAttribute("href"));

        var next = cut.FindAll("fluent-button").First(b => b.TextContent.Trim() == "Next page");
        Assert.False(next.HasAttribute("disabled"));
        next.Click();
        cut.WaitForAssertion(() => Assert.Contains(ctx.Api.Requests, r => r.Path == "/api/work/packing" && ctx.Api.Requests.Count(x => x.Path == "/api/work/packing") == 2));
    }

    [Fact]
    public async Task The_shops_name_for_an_order_is_shown_in_its_row()
    {
        using var ctx = new ConsoleTestContext();
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", "/api/work/confirmation", HttpStatusCode.OK, """
            {"items":[
              {"merchantId":"shop-one","orderId":"ORD-NAMED","stage":"confirmation","dueAt":"2026-11-16T10:00:00+00:00","misses":0,"escalated":false,"overdue":false,
               "timeZone":"Europe/Berlin","customerName":"Anna Schmidt","displayName":"#1047"},
              {"merchantId":"shop-one","orderId":"ORD-PLAIN","stage":"confirmation","dueAt":"2026-11-16T10:30:00+00:00","misses":0,"escalated":false,"overdue":false,
               "timeZone":"Europe/Berlin","customerName":"John Miller"}]}
            """);

        var cut = ctx.Render<WorkQueuePage>(p => p.Add(c => c.StageSlug, "confirmation"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=work-order]").Count));
        var name = Assert.Single(cut.FindAll("[data-testid=work-display-name]"));
        Assert.Equal("#1047", name.TextContent);
        Assert.Equal("The shop's name for the order", name.GetAttribute("title"));
        Assert.Contains("ORD-NAMED", name.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_stage_offers_the_real_ones()
    {
        using var ctx = new ConsoleTestContext();
        await ctx.SignedInAsync();
        var cut = ctx.Render<WorkQueuePage>(p => p.Add(c => c.StageSlug, "nowhere"));
        Assert.Contains("Unknown queue", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(4, cut.FindAll("a.inline-link").Count);
    }
}
