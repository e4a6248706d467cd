using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Backoffice.Bench.Settlement;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

// Settlement of one merchant with N cash orders in one week, against a real Azurite this program starts. Baseline:
// reading the same ledger rows raw from Table Storage, in the same run. Usage:
//   dotnet run -c Release --project bench/Settlement -- [orders...]      (default: 10000 100000)
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000];
var week = new SettlementWeek(2026, 47);
var zone = MerchantCalendar.Zone("Europe/Berlin");
var (weekStart, weekEnd) = week.Bounds(zone);

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
var rows = new List<Result>();
try
{
    foreach (var orders in sizes)
    {
        Console.WriteLine($"--- {orders:N0} cash orders ---");
        var counter = new StorageOperationCounter();
        var clients = new StorageClients(azurite.NewNamespace(), counter);
        await StorageProvisioner.EnsureCreatedAsync(clients);
        var clock = new FakeTimeProvider(weekEnd.AddHours(7));
        var merchants = new MerchantStore(clients, clock);
        var merchant = new Merchant("bench-shop", "Bench Shop", "EUR", "Europe/Berlin", DeadlinePolicy.Default, new Tariff(150, 0, 100, NetFeesFromSettlement: true), null);
        await merchants.CreateAsync(merchant, new WebhookSecrets(["s"], "s"));

        var seeding = Stopwatch.StartNew();
        await SeedAsync(clients, merchant, orders, weekStart, weekEnd);
        Console.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:F1} s");

        var raw = await MeasureAsync(counter, async () =>
        {
            var table = clients.Table(TableNames.CashLedger);
            var filter = $"PartitionKey eq 'bench-shop' and RowKey ge 'e~' and RowKey lt 'e~~'";
            long count = 0, sum = 0;
            await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000))
            {
                count++;
                sum += e.GetInt64("Amount") ?? 0;
            }

            return $"{count:N0} rows, {sum:N0} minor units";
        });
        Console.WriteLine($"raw read:   {raw}");

        var ledger = new CashLedger(clients, clock);
        var documents = new FinanceDocumentStore(clients);
        var run = new SettlementRun(merchants, ledger, documents, new ReportStorage(clients), new FinanceNotifier(new QueueFinanceReportChannel(clients)), new FinanceOptions(), clock,
            NullLogger<SettlementRun>.Instance);
        var settlement = await MeasureAsync(counter, async () =>
        {
            var result = await run.RunAsync("bench-shop", week);
            var totals = result.Document!.Totals<SettlementTotals>();
            return $"{result.Outcome}: {totals.Orders:N0} orders, net {totals.NetToTransfer:N0} minor units";
        });
        Console.WriteLine($"settlement: {settlement}");

        var sizesOnDisk = new List<string>();
        foreach (var format in ReportPaths.Formats)
        {
            var properties = await clients.Container(ContainerNames.Reports).GetBlobClient(ReportPaths.For(FinanceDocumentKind.Settlement, "bench-shop", week.Label, format)).GetPropertiesAsync();
            sizesOnDisk.Add($"{format} {properties.Value.ContentLength / 1024.0:N0} KiB");
        }

        rows.Add(new Result(orders, raw, settlement, string.Join(", ", sizesOnDisk)));
        await WriteReportAsync(rows); // after every size, so a long run that is stopped keeps what it measured
    }
}
finally
{
    await azurite.DisposeAsync();
}

Console.WriteLine();
Console.WriteLine(Report(rows));
return;

static async Task WriteReportAsync(IReadOnlyList<Result> rows)
{
    var folder = Path.Combine(AzuriteFixture.RepositoryRoot(), "bench", "results");
    Directory.CreateDirectory(folder);
    await File.WriteAllTextAsync(Path.Combine(folder, "settlement.md"), Report(rows));
    Console.WriteLine($"written to {Path.Combine(folder, "settlement.md")}");
}

static async Task SeedAsync(StorageClients clients, Merchant merchant, int orders, DateTimeOffset start, DateTimeOffset end)
{
    // Ledger rows exactly as CashLedger writes them, in entity-group batches of 100, several at once: a bench seed,
    // not the posting path (which takes the fence per posting).
    var table = clients.Table(TableNames.CashLedger);
    var step = (end - start - TimeSpan.FromMinutes(1)).Ticks / orders;
    var batches = Enumerable.Range(0, (orders + 99) / 100);
    await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
    {
        var actions = new List<TableTransactionAction>(100);
        for (var i = batch * 100; i < Math.Min(orders, (batch + 1) * 100); i++)
        {
            var at = start.AddTicks(step * i);
            var orderId = OrderIds.For(merchant.MerchantId, $"B-{i:D6}");
            var posting = new LedgerPosting(merchant.MerchantId, $"order~{orderId}~Collected", LedgerEntryKind.CashCollected, 1_000 + (i % 9_000), "EUR", at,
                orderId, $"B-{i:D6}", $"courier-{i % 40}", 1_000 + (i % 9_000), merchant.Tariff);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, CashLedger.EntryRow(posting, at)));
        }

        try
        {
            await table.SubmitTransactionAsync(actions, ct);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // The client retried a batch whose first attempt had landed (Azurite slows down as the partition grows).
        }
    });
}

static async Task<Measure> MeasureAsync(StorageOperationCounter counter, Func<Task<string>> phase)
{
    var operations = counter.Count;
    using var memory = PeakMemory.Start();
    var clock = Stopwatch.StartNew();
    var outcome = await phase();
    clock.Stop();
    await memory.DisposeAsync();
    return new Measure(clock.Elapsed, counter.Count - operations, memory.PeakHeapAboveBaseline, memory.PeakWorkingSetAboveBaseline, outcome);
}

static string Report(IReadOnlyList<Result> results)
{
    var culture = CultureInfo.InvariantCulture;
    var text = new StringBuilder();
    text.AppendLine("# Settlement benchmark");
    text.AppendLine();
    text.AppendLine(culture, $"One merchant, N cash orders in one ISO week, on Azurite (in memory) started by the benchmark, on this machine ({Environment.ProcessorCount} cores), .NET {Environment.Version}.");
    text.AppendLine("Baseline: reading the same ledger rows raw from Table Storage (one range query, 1,000 rows a page) in the same run.");
    text.AppendLine("Settlement: close the week, stream the rows, write CSV + XLSX + PDF (PDF capped at 5,000 order lines), upload, record the statement, send the finance message.");
    text.AppendLine("Memory: peak managed heap and peak working set above the level measured (after a full GC) just before the phase.");
    text.AppendLine();
    text.AppendLine("| orders | phase | time (s) | storage ops | peak heap (MiB) | peak working set (MiB) | outcome |");
    text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | --- |");
    foreach (var r in results)
    {
        foreach (var (name, m) in new[] { ("raw read", r.Raw), ("settlement", r.Settlement) })
        {
            text.AppendLine(culture, $"| {r.Orders:N0} | {name} | {m.Time.TotalSeconds:F2} | {m.Operations:N0} | {m.Heap / 1048576.0:F1} | {m.WorkingSet / 1048576.0:F1} | {m.Outcome} |");
        }
    }

    text.AppendLine();
    text.AppendLine("| orders | time ratio (settlement / raw) | ops ratio | peak heap ratio | files |");
    text.AppendLine("| ---: | ---: | ---: | ---: | --- |");
    foreach (var r in results)
    {
        text.AppendLine(culture, $"| {r.Orders:N0} | {r.Settlement.Time / r.Raw.Time:F2} | {(double)r.Settlement.Operations / Math.Max(1, r.Raw.Operations):F2} | {(double)r.Settlement.Heap / Math.Max(1, r.Raw.Heap):F2} | {r.Files} |");
    }

    return text.ToString();
}

internal sealed record Measure(TimeSpan Time, long Operations, long Heap, long WorkingSet, string Outcome);

internal sealed record Result(int Orders, Measure Raw, Measure Settlement, string Files);
