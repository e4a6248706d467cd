using System.Diagnostics;
using System.Security.Cryptography;
using Backoffice.Infra.Storage;

namespace Backoffice.LoadGenerator;

/// <summary>
/// The crash test: storefronts send orders (retrying until acknowledged, as real ones do), people work them, and the
/// host is killed with SIGKILL at random moments and started again each time. When everything has finished, the audit
/// must find every acknowledged webhook as exactly one order in the state the people drove it to, and a cash ledger
/// without duplicates that reconciles.
/// </summary>
internal static class CrashRun
{
    /// <summary>Commands whose commit the armed host dies right after: a webhook's placement, then operator commands.</summary>
    private static readonly string[] FaultPoints = ["PlaceOrder", "ConfirmOrder", "PlaceOrder", "RecordDelivery", "DispatchToCourier"];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var devKey = string.IsNullOrEmpty(options.DevKey) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : options.DevKey;
        var prefix = string.IsNullOrEmpty(options.Prefix) ? "crash" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant() : options.Prefix;
        var clients = new StorageClients(new StorageOptions { ConnectionString = options.Storage, Prefix = prefix });
        using var host = new LocalHostProcess(options.HostDll, options.Storage, prefix, devKey);
        var clock = Stopwatch.StartNew();
        host.Start();
        using var api = new BackofficeClient(host.BaseUrl, devKey);
        await api.WaitForHealthAsync(TimeSpan.FromSeconds(90), () => host.Exited);
        var merchants = await LoadRun.CreateMerchantsAsync(api, Math.Max(2, options.Merchants), "crash");
        LoadRun.Log($"host pid {host.ProcessId} on {host.BaseUrl}; {merchants.Count} merchants; {options.Orders} orders; {options.Kills} kills");

        var book = new OrderBook(options.Seed);
        var people = new Workforce(api, book, merchants, options.WorkersPerStage, options.WorkerParallelism);
        var random = new Random(options.Seed);
        var kills = new List<string>();
        var storefrontErrors = 0;
        using var stop = new CancellationTokenSource();
        var working = people.RunAsync(stop.Token);

        // Storefronts: the orders over roughly the first 40 % of the time the kills take, each retried until acknowledged.
        var sendWindow = TimeSpan.FromSeconds(Math.Max(10, options.Kills * 4));
        var sending = Parallel.ForEachAsync(Enumerable.Range(1, options.Orders), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) =>
        {
            var wait = TimeSpan.FromSeconds(3) + (sendWindow * n / options.Orders) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var merchant = merchants[n % merchants.Count];
            for (var attempt = 1; ; attempt++)
            {
                var hook = Storefront.Order(merchant, n, options.Seed, DateTimeOffset.UtcNow);
                try
                {
                    var response = await api.PostWebhookAsync(hook);
                    if (response.Ok)
                    {
                        book.Add(merchant.MerchantId, response.Body!.Value.GetProperty("orderId").GetString()!, hook.ExternalOrderId);
                        return;
                    }

                    Interlocked.Increment(ref storefrontErrors);
                    if (response.Code is >= 400 and < 500 || attempt > 100)
                    {
                        LoadRun.Log($"storefront gave up on order {n}: {response.Code} {response.Body}");
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // The host is down: a storefront retries later.
                    Interlocked.Increment(ref storefrontErrors);
                }

                await Task.Delay(500);
            }
        });

        // The killer: SIGKILL at random moments while orders are arriving and being worked, then a restart.
        // Kills are spread over the run: each waits for a share of the expected work (about six requests per order)
        // to happen since the previous restart, then for a random moment. Every other restart arms the host's fault point
        // (Faults:KillAfterCommit), so the next kill is the host killing itself right after a commit of that command —
        // after a webhook's order is stored and before its orchestration is started, or after an operator command is
        // stored (and announced) and before its effects ran — the moments a random kill rarely hits.
        var share = Math.Max(10, options.Orders * 6 / (options.Kills + 1));
        string? armed = null;
        for (var k = 1; k <= options.Kills; k++)
        {
            var progress = book.Count + people.Counters.Commands;
            var waited = Stopwatch.StartNew();
            while (book.Count + people.Counters.Commands < progress + share && waited.Elapsed < TimeSpan.FromSeconds(120) && !(armed is not null && host.Exited))
            {
                await Task.Delay(100);
            }

            var pid = host.LastProcessId;
            string how;
            if (armed is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 3_000)));
                host.Kill();
                how = "SIGKILL";
            }
            else
            {
                var armedFor = Stopwatch.StartNew();
                while (!host.Exited && armedFor.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(50);
                }

                how = host.Exited ? $"killed itself right after committing {armed}" : $"SIGKILL ({armed} not committed within 60 s)";
                host.Kill();
            }

            var killedAt = clock.Elapsed;
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(100, 1_000)));
            armed = k % 2 == 1 && k < options.Kills ? FaultPoints[(k / 2) % FaultPoints.Length] : null;
            host.Start(armed);
            try
            {
                await api.WaitForHealthAsync(TimeSpan.FromSeconds(90), () => host.Exited);
            }
            catch (HttpRequestException) when (armed is not null && host.Exited)
            {
                // The armed host reached its fault point before it answered a health check: the next kill is already done.
            }

            kills.Add($"kill {k} at {killedAt.TotalSeconds:F1} s ({how}; pid {pid}; {book.Count} orders acknowledged, {book.DoneCount} finished); back after {(clock.Elapsed - killedAt).TotalSeconds:F1} s");
            LoadRun.Log(kills[^1]);
        }

        await sending;
        var lastReport = clock.Elapsed;
        while (book.DoneCount < book.Count && clock.Elapsed < options.CrashLimit)
        {
            await Task.Delay(1000);
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                LoadRun.Log($"{book.DoneCount}/{book.Count} orders finished");
            }
        }

        await stop.CancelAsync();
        await working;
        LoadRun.Log($"people done: {book.DoneCount}/{book.Count} finished at {clock.Elapsed.TotalSeconds:F0} s; waiting for the outbox to drain");
        await Quiescence.WaitAsync(clients, TimeSpan.FromSeconds(60));
        var audit = await StorageAudit.RunAsync(clients, book, merchants, requireFinished: true);
        host.Kill();

        var summary = CrashReport.Summary(options, audit, kills, people.Counters, storefrontErrors, clock.Elapsed);
        Console.WriteLine(summary);
        if (!string.IsNullOrEmpty(options.Label))
        {
            Directory.CreateDirectory(options.Results);
            var file = Path.Combine(options.Results, $"{DateTime.UtcNow:yyyy-MM-dd}-{options.Label}.md");
            await File.WriteAllTextAsync(file, summary);
            LoadRun.Log($"results: {file}");
        }

        return audit.Passed && kills.Count == options.Kills && book.Count == options.Orders ? 0 : 1;
    }
}
