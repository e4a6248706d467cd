using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
//
// Azurite cannot take 100,000 inserts into one partition in reasonable time (each insert scans the partition), so the
// ledger rows are bulk-loaded into its database between two starts (seed-ledger.cjs) — exactly the rows CashLedger
// writes. Everything measured goes through Azurite's HTTP API: the same on-disk Azurite for both sizes and both phases.
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000];
var week = new SettlementWeek(2026, 47);
var zone = MerchantCalendar.Zone("Europe/Berlin");
var (weekStart, weekEnd) = week.Bounds(zone);

var rows = new List<Result>();
// A first, small run that is not reported: JIT and first-use costs would otherwise land on the first size.
foreach (var (orders, reported) in sizes.Select(n => (n, true)).Prepend((200, false)))
{
    Console.WriteLine(reported ? $"--- {orders:N0} cash orders ---" : $"--- warm-up: {orders:N0} cash orders, not reported ---");
    var folder = Path.Combine(Path.GetTempPath(), "settlement-bench-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(folder);
    try
    {
        // 1. Tables and the merchant, through Azurite; then stop it so that it writes its database.
        var merchant = new Merchant("bench-shop", "Bench Shop", "EUR", "Europe/Berlin", DeadlinePolicy.Default, new Tariff(150, 0, 100, NetFeesFromSettlement: true), null);
        var clock = new FakeTimeProvider(weekEnd.AddHours(7));
        StorageOptions storage;
        string ledgerTable;
        var setup = new AzuriteFixture { Location = folder };
        await setup.InitializeAsync();
        try
        {
            storage = setup.NewNamespace();
            var clients = new StorageClients(storage, null);
            await StorageProvisioner.EnsureCreatedAsync(clients);
            await new MerchantStore(clients, clock).CreateAsync(merchant, new WebhookSecrets(["s"], "s"));
            ledgerTable = clients.Table(TableNames.CashLedger).Name;
            await setup.StopAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            await setup.DisposeAsync();
        }

        // 2. The ledger rows, into Azurite's database while it is stopped.
        var seeding = Stopwatch.StartNew();
        var expected = await WriteLedgerRowsAsync(Path.Combine(folder, "ledger.ndjson"), merchant, orders, weekStart, weekEnd);
        await LoadIntoAzuriteAsync(folder, ledgerTable, Path.Combine(folder, "ledger.ndjson"));
        Console.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:F1} s");

        // 3. Azurite again, on the same folder; the measured phases.
        var azurite = new AzuriteFixture { Location = folder };
        await azurite.InitializeAsync();
        try
        {
            var counter = new StorageOperationCounter();
            var clients = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString, Prefix = storage.Prefix }, counter);
            var result = await MeasureSizeAsync(clients, counter, clock, orders, expected, week);
            if (reported)
            {
                rows.Add(result);
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        await WriteReportAsync(rows); // after every size, so a long run that is stopped keeps what it measured
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

Console.WriteLine();
Console.WriteLine(Report(rows));
return;

static async Task<Result> MeasureSizeAsync(StorageClients clients, StorageOperationCounter counter, FakeTimeProvider clock, int orders, long expectedAmount, SettlementWeek week)
{
    var raw = await MeasureAsync(counter, async () =>
    {
        var table = clients.Table(TableNames.CashLedger);
        var filter = $"PartitionKey eq 'bench-shop' and RowKey ge '{FencedLog.EntryPrefix}' and RowKey lt '{FencedLog.EntryPrefix}~'";
        long count = 0, sum = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000))
        {
            count++;
            sum += e.GetInt64("Amount") ?? 0;
        }

        Check(count == orders && sum == expectedAmount, $"raw read found {count:N0} rows and {sum:N0}, seeded {orders:N0} rows and {expectedAmount:N0}");
        return $"{count:N0} rows, {sum:N0} minor units";
    });
    Console.WriteLine($"raw read:   {raw.Outcome} in {raw.Time.TotalSeconds:F2} s");

    var merchants = new MerchantStore(clients, clock);
    var run = new SettlementRun(merchants, new CashLedger(clients, clock), new FinanceDocumentStore(clients), new ReportStorage(clients),
        new FinanceNotifier(new QueueFinanceReportChannel(clients)), new FinanceOptions(), clock, NullLogger<SettlementRun>.Instance);
    var settlement = await MeasureAsync(counter, async () =>
    {
        var result = await run.RunAsync("bench-shop", week);
        var totals = result.Document!.Totals<SettlementTotals>();
        Check(result.Outcome == RunOutcome.Created && totals.Orders == orders && totals.CashCollected == expectedAmount,
            $"settlement {result.Outcome} with {totals.Orders:N0} orders and {totals.CashCollected:N0} collected, seeded {orders:N0} and {expectedAmount:N0}");
        return $"{result.Outcome}: {totals.Orders:N0} orders, net {totals.NetToTransfer:N0} minor units";
    });
    Console.WriteLine($"settlement: {settlement.Outcome} in {settlement.Time.TotalSeconds:F2} s");

    var sizesOnDisk = new List<string>();
    foreach (var format in ReportPaths.Formats)
    {
        var properties = await clients.Container(ContainerNames.Reports).GetBlobClient(ReportPaths.For(FinanceDocumentKind.Settlement, "bench-shop", week.Label, format)).GetPropertiesAsync();
        sizesOnDisk.Add($"{format} {properties.Value.ContentLength / 1024.0:N0} KiB");
    }

    return new Result(orders, raw, settlement, string.Join(", ", sizesOnDisk));
}

static void Check(bool condition, string message)
{
    if (!condition)
    {
        throw new InvalidOperationException("Benchmark result is wrong: " + message);
    }
}

static async Task WriteReportAsync(IReadOnlyList<Result> rows)
{
    var folder = Path.Combine(AzuriteFixture.RepositoryRoot(), "bench", "results");
    Directory.CreateDirectory(folder);
    await File.WriteAllTextAsync(Path.Combine(folder, "settlement.md"), Report(rows));
    Console.WriteLine($"written to {Path.Combine(folder, "settlement.md")}");
}

// The ledger rows exactly as CashLedger writes them (CashLedger.EntryRow), one JSON line each, with the property types
// annotated the way the Tables SDK sends them. Returns the cash they hold.
static async Task<long> WriteLedgerRowsAsync(string path, Merchant merchant, int orders, DateTimeOffset start, DateTimeOffset end)
{
    var step = (end - start - TimeSpan.FromMinutes(1)).Ticks / orders;
    long total = 0;
    await using var file = File.Create(path);
    using var json = new Utf8JsonWriter(file);
    for (var i = 0; i < orders; i++)
    {
        var at = start.AddTicks(step * i);
        var orderId = OrderIds.For(merchant.MerchantId, $"B-{i:D6}");
        var amount = 1_000 + (i % 9_000);
        var posting = new LedgerPosting(merchant.MerchantId, $"order~{orderId}~Collected", LedgerEntryKind.CashCollected, amount, "EUR", at,
            orderId, $"B-{i:D6}", $"courier-{i % 40}", amount, merchant.Tariff);
        total += amount;
        var row = CashLedger.EntryRow(posting, at);
        json.WriteStartObject();
        json.WriteString("PartitionKey", row.PartitionKey);
        json.WriteString("RowKey", row.RowKey);
        json.WriteStartObject("properties");
        foreach (var (name, value) in row)
        {
            if (name is "PartitionKey" or "RowKey" or "odata.etag" or "Timestamp" || value is null)
            {
                continue;
            }

            WriteProperty(json, name, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        file.WriteByte((byte)'\n');
    }

    return total;
}

static void WriteProperty(Utf8JsonWriter json, string name, object value)
{
    switch (value)
    {
        case string text:
            json.WriteString(name, text);
            break;
        case int number:
            json.WriteNumber(name, number);
            break;
        case bool flag:
            json.WriteBoolean(name, flag);
            break;
        case long number:
            json.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
            json.WriteString(name + "@odata.type", "Edm.Int64");
            break;
        case DateTimeOffset moment:
            json.WriteString(name, moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString(name + "@odata.type", "Edm.DateTime");
            break;
        default:
            throw new NotSupportedException($"Ledger property {name} has type {value.GetType()}, which the bench seed does not write.");
    }
}

static async Task LoadIntoAzuriteAsync(string folder, string table, string rows)
{
    var script = Path.Combine(AzuriteFixture.RepositoryRoot(), "bench", "Settlement", "seed-ledger.cjs");
    var info = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true };
    foreach (var arg in new[] { script, folder, "devstoreaccount1", table, rows })
    {
        info.ArgumentList.Add(arg);
    }

    using var node = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
    var output = node.StandardOutput.ReadToEndAsync();
    var errors = node.StandardError.ReadToEndAsync();
    await node.WaitForExitAsync();
    Console.Write(await output);
    if (node.ExitCode != 0)
    {
        throw new InvalidOperationException($"seed-ledger.cjs failed ({node.ExitCode}): {await errors}");
    }
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
    text.AppendLine(culture, $"One merchant, N cash orders in one ISO week, on an on-disk Azurite started by the benchmark, on this machine ({Environment.ProcessorCount} cores), .NET {Environment.Version}.");
    text.AppendLine("Seed: the ledger rows CashLedger writes, bulk-loaded into Azurite's database while it is stopped (bench/Settlement/seed-ledger.cjs: Azurite scans the whole partition on every insert, so 100,000 inserts through its API do not finish); both phases then go through Azurite's HTTP API.");
    text.AppendLine("On disk, Azurite rewrites its whole database file every 5 s while it has unsaved changes: the settlement (which writes) pays for that, the read-only baseline does not.");
    text.AppendLine("Baseline: reading the same ledger rows raw from Table Storage (one range query, 1,000 rows a page) in the same run.");
    text.AppendLine("Settlement: close the week, stream the rows, write CSV + XLSX + PDF (PDF capped at 5,000 order lines), upload, record the statement, send the finance message.");
    text.AppendLine("Warm-up: a 200-order settlement runs first and is not reported, so JIT costs do not land on the first size.");
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

    if (results.Count > 1)
    {
        var (small, large) = (results.MinBy(r => r.Orders)!, results.MaxBy(r => r.Orders)!);
        text.AppendLine();
        text.AppendLine(culture, $"Growth from {small.Orders:N0} to {large.Orders:N0} orders (x{(double)large.Orders / small.Orders:F0}): settlement time x{large.Settlement.Time / small.Settlement.Time:F2}, "
            + $"peak heap x{(double)large.Settlement.Heap / Math.Max(1, small.Settlement.Heap):F2}, peak working set x{(double)large.Settlement.WorkingSet / Math.Max(1, small.Settlement.WorkingSet):F2}.");
    }

    return text.ToString();
}

internal sealed record Measure(TimeSpan Time, long Operations, long Heap, long WorkingSet, string Outcome);

internal sealed record Result(int Orders, Measure Raw, Measure Settlement, string Files);
