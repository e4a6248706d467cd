using System.Net;
using Backoffice.Web.Layout;
using Backoffice.Web.Localization;
using Backoffice.Web.Orders;
using Bunit;
using Xunit;

namespace Backoffice.Web.Tests;

/// <summary>The work queue tells an operator who to call, in their language and the merchant's time (issue 14, item 3).</summary>
public sealed class ConsoleLanguageTests
{
    private const string Queue = """
        {"items":[
          {"merchantId":"shop-ru","orderId":"ORD-1","stage":"confirmation","dueAt":"2026-11-16T10:00:00+00:00","misses":0,"escalated":false,"overdue":false,
           "timeZone":"Europe/Moscow","customerName":"Анна Иванова","phone":"+79161234567","city":"Москва","orderValue":123456,"currency":"EUR",
           "payment":"cashOnDelivery","highRefusalRisk":true}]}
        """;

    [Theory]
    [InlineData(ConsoleCulture.English, "€1,234.56", "Cash on delivery", "16/11/2026 13:00", "Times in Europe/Moscow (UTC+03:00)", "Refusal risk", "Customer")]
    [InlineData(ConsoleCulture.Russian, "1\u00A0234,56 €", "Наложенный платёж", "16.11.2026 13:00", "Время: Europe/Moscow (UTC+03:00)", "Риск отказа", "Клиент")]
    public async Task The_work_queue_shows_who_to_call_in_the_chosen_language_and_the_merchants_time(
        string language, string value, string payment, string dueAt, string zone, string risk, string customerColumn)
    {
        using var ctx = new ConsoleTestContext(language: language);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", "/api/work/confirmation", HttpStatusCode.OK, Queue);

        var cut = ctx.Render<WorkQueuePage>(p => p.Add(c => c.StageSlug, "confirmation"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=work-order]")));
        Assert.Equal("Анна Иванова", cut.Find("[data-testid=work-customer]").TextContent);
        Assert.Equal("tel:+79161234567", cut.Find("[data-testid=work-phone]").GetAttribute("href"));
        Assert.Equal("Москва", cut.Find("[data-testid=work-city]").TextContent);
        Assert.Equal(value, cut.Find("[data-testid=work-value]").TextContent);
        Assert.Equal(payment, cut.Find("[data-testid=work-payment]").TextContent);
        Assert.Equal(risk, cut.Find("[data-testid=work-risk]").TextContent);
        Assert.Equal(dueAt, cut.Find("[data-testid=work-due]").TextContent);
        Assert.Equal(zone, cut.Find("[data-testid=time-zones]").TextContent);
        Assert.Contains(cut.FindAll("th"), th => th.TextContent.Contains(customerColumn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_menu_speaks_Russian_when_Russian_is_chosen()
    {
        using var ctx = new ConsoleTestContext(language: ConsoleCulture.Russian);
        await ctx.SignedInAsync();

        var cut = ctx.Render<NavMenu>(p => p.Add(c => c.User, new Session.SignedInUser("operator", null, "op", Session.SignInKind.Development, "t", null)));

        Assert.Contains("Очередь подтверждения", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirmation queue", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_english_text_has_a_russian_one_with_the_same_placeholders()
    {
        var resources = new System.Resources.ResourceManager(typeof(ConsoleText));
        var english = resources.GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var russian = resources.GetResourceSet(new System.Globalization.CultureInfo(ConsoleCulture.Russian), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        Assert.Empty(english.Keys.Except(russian.Keys));
        Assert.Empty(english.Where(e => Placeholders(e.Value) != Placeholders(russian[e.Key])).Select(e => e.Key));
    }

    private static string Placeholders(string text) =>
        string.Join(',', System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void The_language_picker_offers_both_languages_by_their_own_names()
    {
        using var ctx = new ConsoleTestContext(language: ConsoleCulture.Russian);

        var cut = ctx.Render<LanguagePicker>();

        Assert.Contains("English", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Русский", cut.Markup, StringComparison.Ordinal);
    }
}
