using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Backoffice.Core.Common;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Finance.Tests.Api;

/// <summary>
/// The real host over HTTP: orders go through the order pipeline, the scheduled jobs are resolved by name as the
/// local runner and the Functions timers resolve them, and the API serves finance, supervisors and merchants.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FinanceApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Actor Staff = new("staff-1", Roles.Supervisor, "test");
    private BackofficeHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new BackofficeHost(azurite, new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero)); // Monday of 2026-W47
        await StorageProvisioner.EnsureCreatedAsync(_host.Service<StorageClients>());
        await _host.Service<MerchantStore>().CreateAsync(
            new Merchant("shop-one", "Shop One", "EUR", "Europe/Berlin", DeadlinePolicy.Default, new Tariff(150, 0, 100, NetFeesFromSettlement: true), null),
            new WebhookSecrets([BackofficeHost.Secret], BackofficeHost.Secret));
        await _host.Service<MerchantStore>().CreateAsync(
            new Merchant("shop-two", "Shop Two", "USD", "America/New_York", DeadlinePolicy.Default, new Tariff(0, 250, 0), null),
            new WebhookSecrets([BackofficeHost.Secret], BackofficeHost.Secret));
        for (var i = 1; i <= 4; i++)
        {
            await DeliverAsync("shop-one", $"W-{i}", cash: i != 4);
        }

        await CancelAsync("shop-one", "W-CANCELLED");
        await DeliverAsync("shop-two", "US-1", cash: true);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> PlaceAsync(string merchantId, string externalId, bool cash)
    {
        var id = OrderIds.For(merchantId, externalId);
        var draft = new OrderDraft(externalId, new Customer("Anna", "+4915112345678", null, new Address("Main 1", null, "Berlin", null, "10115", "DE")),
            [new OrderLine("1", "SKU-1", "Shirt", 2, 1_995, null, true)], 490, merchantId == "shop-one" ? "EUR" : "USD",
            cash ? PaymentMethod.CashOnDelivery : PaymentMethod.Prepaid, "test");
        await RunAsync(merchantId, id, _ => new PlaceOrder(merchantId, id, draft, DeadlinePolicy.Default, Staff, _host.Clock.GetUtcNow()));
        return id;
    }

    private async Task DeliverAsync(string merchantId, string externalId, bool cash)
    {
        var id = await PlaceAsync(merchantId, externalId, cash);
        await RunAsync(merchantId, id, _ => new ConfirmOrder([], Staff, _host.Clock.GetUtcNow()));
        await RunAsync(merchantId, id, _ => new RecordPacking([], Staff, _host.Clock.GetUtcNow()));
        await RunAsync(merchantId, id, _ => new DispatchToCourier("courier-7", Staff, _host.Clock.GetUtcNow()));
        await RunAsync(merchantId, id, s => new RecordDelivery(DeliveryResult.AcceptedAll, [], cash ? ((PlacedOrder)s).LiveValue : 0, null, Staff, _host.Clock.GetUtcNow()));
        _host.Clock.Advance(TimeSpan.FromHours(5));
    }

    private async Task CancelAsync(string merchantId, string externalId)
    {
        var id = await PlaceAsync(merchantId, externalId, cash: true);
        await RunAsync(merchantId, id, _ => new CancelOrder(CancellationReason.CustomerChangedMind, null, "changed mind", Staff, _host.Clock.GetUtcNow()));
    }

    private async Task RunAsync(string merchantId, string orderId, Func<OrderState, OrderCommand> command)
    {
        var outcome = await _host.Service<OrderProcessor>().ExecuteAsync(merchantId, orderId, command);
        Assert.True(outcome.Kind == OutcomeKind.Applied, outcome.Rejection?.Message);
    }

    private Task RunJobAsync(string name, DateTimeOffset at)
    {
        _host.Clock.SetUtcNow(at);
        return _host.Service<IEnumerable<IScheduledJob>>().Single(j => j.Name == name).RunAsync(at, CancellationToken.None);
    }

    private async Task<JsonElement[]> FinanceMessagesAsync()
    {
        var queue = _host.Service<StorageClients>().Queue(QueueNames.FinanceReports);
        return (await queue.PeekMessagesAsync(32)).Value.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.Clone()).ToArray();
    }

    [Fact]
    public async Task The_weekly_job_turns_a_week_of_orders_into_three_files_and_a_finance_message()
    {
        await RunJobAsync("WeeklySettlement", new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));

        var finance = _host.As(Roles.Finance);
        var statement = await finance.GetFromJsonAsync<JsonElement>("/api/finance/merchants/shop-one/settlements/2026-W47");
        Assert.Equal("Draft", statement.GetProperty("state").GetString());
        Assert.Equal(3, statement.GetProperty("totals").GetProperty("orders").GetInt32()); // the prepaid and the cancelled order carry no cash
        Assert.Equal(3 * 4_480L, statement.GetProperty("totals").GetProperty("cashCollected").GetInt64());
        foreach (var (format, type) in new[] { ("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("pdf", "application/pdf") })
        {
            var file = await finance.GetAsync($"/api/finance/merchants/shop-one/settlements/2026-W47/files/{format}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.StartsWith(type, file.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            Assert.True((await file.Content.ReadAsByteArrayAsync()).Length > 100);
        }

        var messages = await FinanceMessagesAsync();
        var message = Assert.Single(messages, m => m.GetProperty("merchantId").GetString() == "shop-one");
        Assert.Equal("settlements/shop-one/2026-W47.pdf", message.GetProperty("files").GetProperty("pdf").GetString());
        Assert.Contains(messages, m => m.GetProperty("merchantId").GetString() == "shop-two");
    }

    [Fact]
    public async Task Finance_approves_and_records_the_transfer_and_the_ledger_shows_nothing_open()
    {
        await RunJobAsync("WeeklySettlement", new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        var finance = _host.As(Roles.Finance);
        const string Statement = "/api/finance/merchants/shop-one/settlements/2026-W47";

        var early = await finance.PostAsJsonAsync(Statement + "/payment", new { bankReference = "SEPA-1", paidOn = "2026-11-24" });
        var approve = await finance.PostAsync(Statement + "/approve", null);
        var twice = await finance.PostAsync(Statement + "/approve", null);
        var missing = await finance.PostAsJsonAsync(Statement + "/payment", new { paidOn = "2026-11-24" });
        var pay = await finance.PostAsJsonAsync(Statement + "/payment", new { bankReference = "SEPA-1", paidOn = "2026-11-24" });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.True((await BackofficeHost.JsonAsync(missing)).GetProperty("errors").TryGetProperty("bankReference", out _));
        Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        var detail = await finance.GetFromJsonAsync<JsonElement>(Statement);
        Assert.Equal(("Paid", "SEPA-1"), (detail.GetProperty("state").GetString(), detail.GetProperty("bankReference").GetString()));
        Assert.Equal(["created", "approved", "paid"], detail.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        var ledger = await finance.GetFromJsonAsync<JsonElement>("/api/finance/merchants/shop-one/ledger");
        Assert.Equal(0, ledger.GetProperty("open").GetInt64());
        Assert.Equal(ledger.GetProperty("collected").GetInt64(), ledger.GetProperty("paidOut").GetInt64());
        // The bank received the net: the cash less the fees the statement kept (1.50 + 1 % of 44.80 per order).
        Assert.Equal((3 * (4_480L - 195), 3 * 195L), (ledger.GetProperty("transferred").GetInt64(), ledger.GetProperty("feesNetted").GetInt64()));
        Assert.Equal(detail.GetProperty("totals").GetProperty("netToTransfer").GetInt64(), ledger.GetProperty("transferred").GetInt64());
    }

    [Fact]
    public async Task A_merchant_sees_only_its_own_settlements_and_invoices_and_cannot_change_them()
    {
        await RunJobAsync("WeeklySettlement", new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        await RunJobAsync("MonthlyInvoice", new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));
        var own = _host.As(Roles.Merchant, "shop-one");

        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/api/finance/merchants/shop-one/settlements")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/api/finance/merchants/shop-one/settlements/2026-W47/files/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/api/finance/merchants/shop-one/invoices/2026-11/files/xlsx")).StatusCode);
        var week = await own.GetFromJsonAsync<JsonElement>("/api/finance/settlements?week=2026-W47");
        Assert.Equal(["shop-one"], week.EnumerateArray().Select(d => d.GetProperty("merchantId").GetString()));

        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync("/api/finance/merchants/shop-two/settlements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync("/api/finance/merchants/shop-two/settlements/2026-W47/files/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync("/api/finance/merchants/shop-two/invoices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync("/api/finance/merchants/shop-two/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsync("/api/finance/merchants/shop-one/settlements/2026-W47/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync("/api/finance/settlement-runs", new { week = "2026-W47" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync("/api/finance/merchants/shop-one/ledger/adjustments",
            new { kind = "correction", amount = 100, reason = "mine", requestId = "m-1" })).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Courier)]
    [InlineData(Roles.Warehouse)]
    public async Task Roles_outside_finance_are_refused_every_finance_endpoint(string role)
    {
        var client = _host.As(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/finance/settlements?week=2026-W47")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/finance/merchants/shop-one/settlements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/finance/merchants/shop-one/invoices/2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/finance/merchants/shop-one/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/finance/settlement-runs", new { week = "2026-W47" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient().GetAsync("/api/finance/merchants/shop-one/settlements")).StatusCode);
    }

    [Fact]
    public async Task Supervisors_see_every_merchant_and_finance_triggers_a_run_for_a_chosen_week()
    {
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var finance = _host.As(Roles.Finance);

        var notAWeek = await finance.PostAsJsonAsync("/api/finance/settlement-runs", new { week = "2026-W54" });
        var run = await finance.PostAsJsonAsync("/api/finance/settlement-runs", new { week = "2026-W47" });
        var rerun = await finance.PostAsJsonAsync("/api/finance/settlement-runs", new { week = "2026-W47", merchantId = "shop-one" });
        var current = await finance.PostAsJsonAsync("/api/finance/settlement-runs", new { week = "2026-W48", merchantId = "shop-one" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAWeek.StatusCode);
        Assert.Equal(["Created", "Created"], (await BackofficeHost.JsonAsync(run)).EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal("AlreadyExists", (await BackofficeHost.JsonAsync(rerun))[0].GetProperty("outcome").GetString());
        Assert.Equal("NotEnded", (await BackofficeHost.JsonAsync(current))[0].GetProperty("outcome").GetString());
        var supervisor = _host.As(Roles.Supervisor);
        var all = await supervisor.GetFromJsonAsync<JsonElement>("/api/finance/settlements?week=2026-W47");
        Assert.Equal(2, all.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/finance/merchants/shop-two/settlements/2026-W47/files/xlsx")).StatusCode);
    }

    [Fact]
    public async Task The_monthly_job_bills_delivered_orders_only_cash_and_prepaid_never_the_cancelled_one()
    {
        await RunJobAsync("MonthlyInvoice", new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

        var invoice = await _host.As(Roles.Finance).GetFromJsonAsync<JsonElement>("/api/finance/merchants/shop-one/invoices/2026-11");
        var totals = invoice.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("orders").GetInt32());
        Assert.Equal(4 * 150L, totals.GetProperty("fixedFees").GetInt64());
        Assert.Equal(3 * 45L, totals.GetProperty("cashFees").GetInt64()); // 1 % of 44.80 = 0.448 → 0.45 per cash order
        Assert.Equal(3 * (150L + 45), totals.GetProperty("nettedInSettlements").GetInt64());
        Assert.Equal(150, totals.GetProperty("due").GetInt64());
        var csv = await _host.As(Roles.Finance).GetStringAsync("/api/finance/merchants/shop-one/invoices/2026-11/files/csv");
        Assert.DoesNotContain(OrderIds.For("shop-one", "W-CANCELLED"), csv, StringComparison.Ordinal);
        Assert.Contains(OrderIds.For("shop-one", "W-4"), csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_posts_corrections_and_refunds_once_per_request_id_with_field_errors_for_bad_input()
    {
        var finance = _host.As(Roles.Finance);
        const string Adjustments = "/api/finance/merchants/shop-one/ledger/adjustments";

        var refund = await finance.PostAsJsonAsync(Adjustments, new { kind = "refund", amount = -500, reason = "Returned at the door", requestId = "rf-1", orderId = OrderIds.For("shop-one", "W-1") });
        var retried = await finance.PostAsJsonAsync(Adjustments, new { kind = "refund", amount = -500, reason = "Returned at the door", requestId = "rf-1" });
        var wrongSign = await finance.PostAsJsonAsync(Adjustments, new { kind = "refund", amount = 500, reason = "x", requestId = "rf-2" });
        var noReason = await finance.PostAsJsonAsync(Adjustments, new { kind = "bonus", amount = 5, requestId = "bad id!" });

        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(-500, (await BackofficeHost.JsonAsync(retried)).GetProperty("adjustments").GetInt64());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongSign.StatusCode);
        var errors = (await BackofficeHost.JsonAsync(noReason)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _) && errors.TryGetProperty("reason", out _) && errors.TryGetProperty("requestId", out _));
    }
}
