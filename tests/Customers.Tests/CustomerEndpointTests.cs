using System.Net;
using System.Net.Http.Json;
using Backoffice.Core.Common;
using Backoffice.Testing;
using Microsoft.Extensions.Logging;
using Xunit;
using static Backoffice.Customers.Tests.CustomerApi;

namespace Backoffice.Customers.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class CustomerEndpointTests(AzuriteFixture azurite)
{
    private const string Shop = "shop-one";

    private async Task<BackofficeHost> HostAsync()
    {
        var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync(Shop);
        await host.AddMerchantAsync("shop-two");
        return host;
    }

    [Fact]
    public async Task Every_order_from_the_webhook_is_linked_to_one_customer_per_phone()
    {
        using var host = await HostAsync();
        await PlaceAsync(host, Shop, "1001", phone: "+49 151 1234 5678");
        await PlaceAsync(host, Shop, "1002", phone: "0049 151 12345678", email: null);
        await PlaceAsync(host, Shop, "1003", name: "John Miller", phone: "+1 212 555 0100", email: "john@example.com");

        var found = await SearchAsync(host, Roles.Operator, Shop, new { phone = "+49151" });

        var anna = Assert.Single(found);
        Assert.Equal(("Anna Schmidt", "+4915112345678", 2), (anna.GetProperty("name").GetString(), anna.GetProperty("phone").GetString(), anna.GetProperty("stats").GetProperty("orders").GetInt32()));
        var all = await OkAsync(await host.As(Roles.Merchant, Shop).GetAsync($"/api/merchants/{Shop}/customers"));
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        Assert.Equal("John Miller", Assert.Single(await SearchAsync(host, Roles.Merchant, Shop, new { name = "mil" })).GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_confirmation_brief_shows_the_history_and_flags_cash_on_delivery_from_a_frequent_refuser()
    {
        using var host = await HostAsync();
        foreach (var external in new[] { "r1", "r2" })
        {
            await FinishAsync(host, Shop, await PlaceAsync(host, Shop, external), refused: true);
        }

        var cod = await PlaceAsync(host, Shop, "next-cod");
        var prepaid = await PlaceAsync(host, Shop, "next-prepaid", payment: "prepaid");
        var stranger = await PlaceAsync(host, Shop, "stranger", name: "New Person", phone: "+4917000000000", email: null);

        var flagged = await BriefAsync(host, Shop, cod);
        Assert.True(flagged.GetProperty("flagged").GetBoolean());
        Assert.Contains("refused 2 of 2", flagged.GetProperty("flagReason").GetString(), StringComparison.Ordinal);
        var customer = flagged.GetProperty("customer");
        Assert.Equal((4, 2, 10_000), (customer.GetProperty("stats").GetProperty("orders").GetInt32(), customer.GetProperty("stats").GetProperty("refused").GetInt32(),
            customer.GetProperty("stats").GetProperty("refusalRateBasisPoints").GetInt32()));
        Assert.Equal(4, customer.GetProperty("recentOrders").GetArrayLength());
        Assert.False((await BriefAsync(host, Shop, prepaid)).GetProperty("flagged").GetBoolean());
        var first = await BriefAsync(host, Shop, stranger);
        Assert.Equal((true, false), (first.GetProperty("firstOrder").GetBoolean(), first.GetProperty("flagged").GetBoolean()));
    }

    [Fact]
    public async Task Delivered_orders_build_the_lifetime_value()
    {
        using var host = await HostAsync();
        var order = await PlaceAsync(host, Shop, "1001");
        await FinishAsync(host, Shop, order, refused: false);

        var customer = (await BriefAsync(host, Shop, order)).GetProperty("customer");

        Assert.Equal((1, 2500L, "EUR"), (customer.GetProperty("stats").GetProperty("delivered").GetInt32(),
            customer.GetProperty("stats").GetProperty("lifetimeValue").GetInt64(), customer.GetProperty("stats").GetProperty("currency").GetString()));
        Assert.Equal("delivered", customer.GetProperty("recentOrders")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Operators_log_calls_and_the_profile_shows_them_newest_first()
    {
        using var host = await HostAsync();
        var order = await PlaceAsync(host, Shop, "1001");
        var id = (await BriefAsync(host, Shop, order)).GetProperty("customer").GetProperty("customerId").GetString();
        var op = host.As(Roles.Operator);

        var first = await op.PostAsJsonAsync($"/api/merchants/{Shop}/customers/{id}/calls", new { orderId = order, outcome = "noAnswer" });
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        await op.PostAsJsonAsync($"/api/merchants/{Shop}/customers/{id}/calls", new { orderId = order, outcome = "confirmed", note = "Deliver after 18:00" });
        var bad = await op.PostAsJsonAsync($"/api/merchants/{Shop}/customers/{id}/calls", new { orderId = "ORD-0000000000AB", outcome = "sometimes" });
        var notHers = await op.PostAsJsonAsync($"/api/merchants/{Shop}/customers/{id}/calls", new { orderId = await PlaceAsync(host, Shop, "x", "Bob", "+4917011111111", null), outcome = "busy" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode); // an unknown outcome: a field error listing the allowed ones
        Assert.True((await bad.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty("outcome", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notHers.StatusCode);
        var calls = (await OkAsync(await host.As(Roles.Merchant, Shop).GetAsync($"/api/merchants/{Shop}/customers/{id}"))).GetProperty("recentCalls");
        Assert.Equal(new[] { "confirmed", "noAnswer" }, calls.EnumerateArray().Select(c => c.GetProperty("outcome").GetString()!));
        Assert.Equal(("Deliver after 18:00", "operator"), (calls[0].GetProperty("note").GetString(), calls[0].GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Tags_are_normalised_validated_and_replace_the_old_set()
    {
        using var host = await HostAsync();
        var id = (await BriefAsync(host, Shop, await PlaceAsync(host, Shop, "1001"))).GetProperty("customer").GetProperty("customerId").GetString();
        var merchant = host.As(Roles.Merchant, Shop);

        await OkAsync(await merchant.PutAsJsonAsync($"/api/merchants/{Shop}/customers/{id}/tags", new { tags = new[] { "VIP", "vip", "b2b" } }));
        var invalid = await merchant.PutAsJsonAsync($"/api/merchants/{Shop}/customers/{id}/tags", new { tags = new[] { "ok", "not ok" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.True((await BackofficeHost.JsonAsync(invalid)).GetProperty("errors").TryGetProperty("tags[1]", out _));
        var profile = await OkAsync(await merchant.GetAsync($"/api/merchants/{Shop}/customers/{id}"));
        Assert.Equal(new[] { "vip", "b2b" }, profile.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));
    }

    [Fact]
    public async Task The_merchant_exports_its_own_customer_base_as_csv()
    {
        using var host = await HostAsync();
        await PlaceAsync(host, Shop, "1001");
        await PlaceAsync(host, Shop, "1002", name: "=cmd|' /C calc'!A0", phone: "+4917022222222", email: null);
        await PlaceAsync(host, "shop-two", "2001", name: "Other Shop Customer", phone: "+4917033333333");

        var response = await host.As(Roles.Merchant, Shop).GetAsync($"/api/merchants/{Shop}/customers/export.csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains(",Anna Schmidt,+4915112345678,anna@example.com,DE,1,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'=cmd", StringComparison.Ordinal));
        Assert.DoesNotContain("Other Shop Customer", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_merchant_erases_a_customer_and_the_order_keeps_its_money_but_not_the_person()
    {
        using var host = await HostAsync();
        var order = await PlaceAsync(host, Shop, "1001");
        await FinishAsync(host, Shop, order, refused: false);
        var id = (await BriefAsync(host, Shop, order)).GetProperty("customer").GetProperty("customerId").GetString();

        var erased = await host.As(Roles.Merchant, Shop).PostAsJsonAsync($"/api/merchants/{Shop}/customers/{id}/erasure", new { });

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var detail = await OkAsync(await host.As(Roles.Finance).GetAsync($"/api/orders/{Shop}/{order}"));
        Assert.Equal(("(erased)", ""), (detail.GetProperty("customer").GetProperty("name").GetString(), detail.GetProperty("customer").GetProperty("phone").GetString()));
        Assert.Equal((2500L, "delivered"), (detail.GetProperty("deliveredValue").GetInt64(), detail.GetProperty("stage").GetString()));
        Assert.DoesNotContain("15112345678", detail.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Schmidt", detail.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await SearchAsync(host, Roles.Operator, Shop, new { phone = "+49151" }));
        var profile = await OkAsync(await host.As(Roles.Merchant, Shop).GetAsync($"/api/merchants/{Shop}/customers/{id}"));
        Assert.Equal((true, 2500L), (profile.GetProperty("erased").GetBoolean(), profile.GetProperty("stats").GetProperty("lifetimeValue").GetInt64()));
        var export = await host.As(Roles.Merchant, Shop).GetStringAsync($"/api/merchants/{Shop}/customers/export.csv");
        Assert.DoesNotContain("anna@example.com", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_a_customer_whose_order_is_still_being_worked_is_refused_and_changes_nothing()
    {
        using var host = await HostAsync();
        var order = await PlaceAsync(host, Shop, "1001");
        var id = (await BriefAsync(host, Shop, order)).GetProperty("customer").GetProperty("customerId").GetString();

        var refused = await host.As(Roles.Merchant, Shop).PostAsJsonAsync($"/api/merchants/{Shop}/customers/{id}/erasure", new { });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("customer-has-open-orders", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var detail = await OkAsync(await host.As(Roles.Operator).GetAsync($"/api/orders/{Shop}/{order}"));
        Assert.Equal("Anna Schmidt", detail.GetProperty("customer").GetProperty("name").GetString());
        var profile = await OkAsync(await host.As(Roles.Merchant, Shop).GetAsync($"/api/merchants/{Shop}/customers/{id}"));
        Assert.False(profile.GetProperty("erased").GetBoolean());
    }

    [Fact]
    public async Task Logs_never_carry_a_customers_phone_email_or_name()
    {
        using var host = await HostAsync();
        var capture = new CapturingLoggerProvider();
        host.Service<ILoggerFactory>().AddProvider(capture);

        var order = await PlaceAsync(host, Shop, "1001", name: "Anna Schmidt", phone: "+49 151 1234 5678", email: "anna@example.com");
        var second = await PlaceAsync(host, Shop, "1002", name: "Anna Schmidt", phone: "+49 151 1234 5678", email: "anna@example.com");
        var id = (await BriefAsync(host, Shop, order)).GetProperty("customer").GetProperty("customerId").GetString();
        await FinishAsync(host, Shop, order, refused: false);
        await FinishAsync(host, Shop, second, refused: true);
        var erased = await host.As(Roles.Merchant, Shop).PostAsJsonAsync($"/api/merchants/{Shop}/customers/{id}/erasure", new { });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        Assert.Contains(capture.Messages, m => m.Contains("linked", StringComparison.Ordinal) && m.Contains("+49********678", StringComparison.Ordinal));
        Assert.Contains(capture.Messages, m => m.Contains("erased", StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Messages, m => m.Contains("15112345678", StringComparison.Ordinal) || m.Contains("anna@", StringComparison.Ordinal)
            || m.Contains("Schmidt", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
