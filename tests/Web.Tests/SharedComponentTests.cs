using Backoffice.Web.Api;
using Backoffice.Web.Shared;
using Bunit;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class SharedComponentTests
{
    [Fact]
    public void An_overdue_deadline_says_so_and_stands_out()
    {
        using var ctx = new ConsoleTestContext();
        var now = ctx.Clock.GetUtcNow();
        var cut = ctx.Render<DeadlineCountdown>(p => p.Add(c => c.DueAt, now.AddMinutes(-5)).Add(c => c.Now, now).Add(c => c.Misses, 2));
        var span = cut.Find("[data-testid=countdown]");
        Assert.Contains("overdue", span.ClassName, StringComparison.Ordinal);
        Assert.Contains("overdue by 5m 00s", span.TextContent, StringComparison.Ordinal);
        Assert.Contains("missed 2×", span.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_clock_moves_with_time()
    {
        using var ctx = new ConsoleTestContext();
        var due = ctx.Clock.GetUtcNow().AddSeconds(10);
        var cut = ctx.Render<LiveClock>(p => p.Add(c => c.ChildContent, now => builder => builder.AddContent(0, Backoffice.Web.Formatting.TimeText.Countdown(due, now))));
        Assert.Equal("0m 10s left", cut.Markup.Trim());
        ctx.Clock.Advance(TimeSpan.FromSeconds(15));
        cut.WaitForAssertion(() => Assert.Equal("overdue by 0m 05s", cut.Markup.Trim()));
    }

    [Fact]
    public void A_problem_shows_its_title_detail_and_every_field_error_in_place()
    {
        using var ctx = new ConsoleTestContext();
        var problem = new Problem("https://backoffice.example/problems/validation", "The request has invalid fields.", 422, "Check the amounts.",
            new Dictionary<string, string[]> { ["cashCollected"] = ["Must be between 0 and 10^12 minor units."], ["note"] = ["Required.", "Too long."] }, null, null);
        var cut = ctx.Render<ProblemView>(p => p.Add(c => c.Problem, problem));
        var text = cut.Find("[data-testid=problem]").TextContent;
        Assert.Contains("Check the amounts.", text, StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll(".problem-errors li").Count);
        Assert.Contains("cashCollected", text, StringComparison.Ordinal);
        Assert.Contains("The request has invalid fields.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void No_problem_renders_nothing()
    {
        using var ctx = new ConsoleTestContext();
        var cut = ctx.Render<ProblemView>(p => p.Add(c => c.Problem, null));
        Assert.Empty(cut.Markup.Trim());
    }
}
