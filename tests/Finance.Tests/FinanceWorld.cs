using System.Text.Json;
using Azure.Storage.Blobs;
using Backoffice.Core.Common;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Backoffice.Finance.Tests;

/// <summary>Finance's services wired by hand over one private Azurite namespace, with a fake clock.</summary>
internal sealed class FinanceWorld
{
    public static readonly Actor FinanceUser = new("fin-1", Roles.Finance, "test");

    private FinanceWorld(StorageClients clients, FakeTimeProvider clock, FinanceOptions? options = null)
    {
        Clients = clients;
        Clock = clock;
        Merchants = new MerchantStore(clients, clock);
        Ledger = new CashLedger(clients, clock);
        Delivered = new DeliveredOrders(clients, clock);
        Documents = new FinanceDocumentStore(clients);
        Files = new ReportStorage(clients);
        Channel = new FailingFinanceChannel(new QueueFinanceReportChannel(clients));
        var notifier = new FinanceNotifier(Channel);
        Settlements = new SettlementRun(Merchants, Ledger, Documents, Files, notifier, options ?? new FinanceOptions(), clock, NullLogger<SettlementRun>.Instance);
        Actions = new SettlementActions(Documents, Ledger, clock);
        Options = options ?? new FinanceOptions();
        Invoices = new MonthlyInvoiceRun(Merchants, Delivered, Ledger, Documents, Files, notifier, Options, clock, NullLogger<MonthlyInvoiceRun>.Instance);
        WeeklyJob = new WeeklySettlementJob(Merchants, Ledger, Settlements, Options, NullLogger<WeeklySettlementJob>.Instance);
        MonthlyJob = new MonthlyInvoiceJob(Merchants, Delivered, Invoices, Options, NullLogger<MonthlyInvoiceJob>.Instance);
    }

    public FinanceOptions Options { get; }

    public WeeklySettlementJob WeeklyJob { get; }

    public MonthlyInvoiceJob MonthlyJob { get; }

    public StorageClients Clients { get; }

    /// <summary>The finance-reports queue, with a switch that makes sends fail.</summary>
    public FailingFinanceChannel Channel { get; }

    public FakeTimeProvider Clock { get; }

    public MerchantStore Merchants { get; }

    public CashLedger Ledger { get; }

    public DeliveredOrders Delivered { get; }

    public FinanceDocumentStore Documents { get; }

    public ReportStorage Files { get; }

    public SettlementRun Settlements { get; }

    public SettlementActions Actions { get; }

    public MonthlyInvoiceRun Invoices { get; }

    public static async Task<FinanceWorld> CreateAsync(AzuriteFixture azurite, DateTimeOffset start, FinanceOptions? options = null) =>
        new(await azurite.NewStorageAsync(), new FakeTimeProvider(start), options);

    /// <summary>A second "process" over the same namespace: its own clients and services, the same clock.</summary>
    public FinanceWorld Twin(FakeTimeProvider? clock = null) => new(new StorageClients(Clients.Options), clock ?? Clock);

    public async Task<Merchant> MerchantAsync(string id, string timeZone, string currency = "EUR", Tariff? tariff = null, string? name = null)
    {
        var merchant = new Merchant(id, name ?? $"Shop {id}", currency, timeZone, DeadlinePolicy.Default, tariff ?? new Tariff(0, 0, 0), null);
        await Merchants.CreateAsync(merchant, new WebhookSecrets(["s"], "s"));
        return merchant;
    }

    /// <summary>Posts a cash collection recorded at the clock's current time, delivered at <paramref name="deliveredAt"/> (default: now).</summary>
    public Task<AppendResult> CollectAsync(Merchant merchant, string orderId, long amount, DateTimeOffset? deliveredAt = null, Tariff? tariff = null) =>
        Ledger.PostAsync(new LedgerPosting(merchant.MerchantId, $"order~{orderId}~Collected", LedgerEntryKind.CashCollected, amount, merchant.Currency,
            deliveredAt ?? Clock.GetUtcNow(), orderId, "ext-" + orderId, "courier-1", amount, tariff ?? merchant.Tariff));

    public Task<AppendResult> CollectAtAsync(Merchant merchant, string orderId, long amount, DateTimeOffset at)
    {
        Clock.SetUtcNow(at);
        return CollectAsync(merchant, orderId, amount, at);
    }

    public Task<AppendResult> AdjustAsync(Merchant merchant, string requestId, LedgerEntryKind kind, long amount, string reason, string? orderId = null) =>
        Ledger.PostAsync(new LedgerPosting(merchant.MerchantId, "adjustment~" + requestId, kind, amount, merchant.Currency, Clock.GetUtcNow(), orderId, Reason: reason, By: FinanceUser));

    /// <summary>
    /// Records a delivered order at <paramref name="at"/>, as the order workflow does: its cash collection in the ledger
    /// (unless <paramref name="postCash"/> is false, as when that effect is still in flight) and the delivered-order row.
    /// <paramref name="cashTariff"/> is the tariff frozen on the ledger entry when it differs from the delivered row's.
    /// </summary>
    public async Task<AppendResult> DeliverAsync(
        Merchant merchant, string orderId, long value, long cash, DateTimeOffset at, Tariff? tariff = null, Tariff? cashTariff = null, bool postCash = true)
    {
        Clock.SetUtcNow(at);
        if (cash > 0 && postCash)
        {
            await PostCashAsync(merchant, orderId, value, cash, at, cashTariff ?? tariff ?? merchant.Tariff);
        }

        return await Delivered.RecordAsync(new DeliveredOrder(merchant.MerchantId, orderId, "ext-" + orderId, at, cash > 0, value, cash, merchant.Currency, tariff ?? merchant.Tariff));
    }

    public Task<AppendResult> PostCashAsync(Merchant merchant, string orderId, long value, long cash, DateTimeOffset at, Tariff tariff) =>
        Ledger.PostAsync(new LedgerPosting(merchant.MerchantId, $"order~{orderId}~Collected", LedgerEntryKind.CashCollected, cash, merchant.Currency, at, orderId,
            "ext-" + orderId, "courier-1", value, tariff));

    public async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(string merchantId)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var e in Ledger.AllAsync(merchantId))
        {
            entries.Add(e);
        }

        return entries;
    }

    public async Task<byte[]> FileAsync(string path)
    {
        var blob = Clients.Container(ContainerNames.Reports).GetBlobClient(path);
        var content = await blob.DownloadContentAsync();
        return content.Value.Content.ToArray();
    }

    public BlobClient Blob(string path) => Clients.Container(ContainerNames.Reports).GetBlobClient(path);

    public async Task<IReadOnlyList<JsonElement>> FinanceMessagesAsync()
    {
        var queue = Clients.Queue(QueueNames.FinanceReports);
        var messages = await queue.PeekMessagesAsync(32);
        return messages.Value.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.Clone()).ToArray();
    }

    /// <summary>The order lines of a statement's CSV: order id → cash column text.</summary>
    public async Task<IReadOnlyList<string[]>> CsvRowsAsync(string path)
    {
        var text = System.Text.Encoding.UTF8.GetString(await FileAsync(path));
        using var reader = CsvHelper.CsvReader.Create(System.Text.Encoding.UTF8.GetBytes(text));
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }
}
