using System.Collections.Concurrent;
using System.Diagnostics;

namespace Backoffice.LoadGenerator;

/// <summary>One intake step: how many webhooks were sent and accepted, at what rate, with which latencies.</summary>
internal sealed record IntakeStep(string Label, double TargetRate, int Sent, int Accepted, int Refused, int Failed, TimeSpan Duration, double[] LatenciesMs)
{
    public double AcceptedPerSecond => Accepted / Duration.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Storefronts sending order webhooks: closed loop (N senders back to back) to find the maximum rate, then open loop at
/// a fixed rate, where latency is measured from the moment a webhook was due, not when it was sent, so a slow server
/// cannot hide its queueing (no coordinated omission).
/// </summary>
internal sealed class Intake(BackofficeClient api, OrderBook book, IReadOnlyList<BenchMerchant> merchants, int seed)
{
    private long _next;

    public async Task<IntakeStep> SaturateAsync(int senders, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var counts = new int[3];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await SendOneAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref counts[outcome]);
            }
        })));
        return new IntakeStep("max (closed loop)", double.NaN, latencies.Count, counts[0], counts[1], counts[2], clock.Elapsed, [.. latencies]);
    }

    public async Task<IntakeStep> AtRateAsync(string label, double rate, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var counts = new int[3];
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1 / rate);
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            inFlight.Add(Task.Run(async () =>
            {
                var outcome = await SendOneAsync();
                latencies.Add((clock.Elapsed - due).TotalMilliseconds);
                Interlocked.Increment(ref counts[outcome]);
            }));
        }

        await Task.WhenAll(inFlight);
        return new IntakeStep(label, rate, total, counts[0], counts[1], counts[2], clock.Elapsed, [.. latencies]);
    }

    /// <summary>0 accepted, 1 refused (4xx/5xx), 2 failed (no answer).</summary>
    private async Task<int> SendOneAsync()
    {
        var number = Interlocked.Increment(ref _next);
        var merchant = merchants[(int)(number % merchants.Count)];
        var hook = Storefront.Order(merchant, number, seed, DateTimeOffset.UtcNow);
        try
        {
            var response = await api.PostWebhookAsync(hook);
            if (!response.Ok)
            {
                return 1;
            }

            book.Add(merchant.MerchantId, response.Body!.Value.GetProperty("orderId").GetString()!, hook.ExternalOrderId);
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 2;
        }
    }
}
