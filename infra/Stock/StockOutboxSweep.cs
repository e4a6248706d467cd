using Backoffice.Infra.Jobs;
using Backoffice.Infra.Merchants;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Stock;

/// <summary>
/// The safety net of stock publication: every change commits with an outbox row and is published right away; rows
/// a crash or an unavailable channel left behind are published by this job. Its cost is bounded, however many
/// merchants there are: each run visits at most <see cref="MerchantsPerRun"/> merchants (one range query each), going
/// round all merchants over consecutive runs, and publishes at most <see cref="RowsPerMerchant"/> rows of each. With
/// the default schedule every 30 s a left-over row of any of 250 merchants is published within five minutes.
/// </summary>
public sealed class StockOutboxSweep(MerchantStore merchants, StockLedger ledger, ILogger<StockOutboxSweep> logger) : IScheduledJob
{
    public const int MerchantsPerRun = 25;

    public const int RowsPerMerchant = 200;

    private int _next;

    /// <summary>Rows younger than this are probably being published by their writer right now.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(15);

    /// <summary>Also an app-setting segment in Azure (<c>Jobs__StockOutboxSweep__Schedule</c>), so letters only.</summary>
    public string Name => "StockOutboxSweep";

    public string DefaultSchedule => "*/30 * * * * *";

    public async Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct)
    {
        var all = (await merchants.ListAsync(ct).ConfigureAwait(false)).OrderBy(m => m.MerchantId, StringComparer.Ordinal).ToArray();
        if (all.Length == 0)
        {
            return;
        }

        var start = _next % all.Length;
        var turn = Enumerable.Range(0, Math.Min(MerchantsPerRun, all.Length)).Select(i => all[(start + i) % all.Length]).ToArray();
        _next = (start + turn.Length) % all.Length;
        foreach (var merchant in turn)
        {
            var published = await ledger.FlushOutboxAsync(merchant.MerchantId, MinimumAge, ct, RowsPerMerchant).ConfigureAwait(false);
            if (published > 0)
            {
                logger.LogInformation("Published {Count} stock changes of {MerchantId} left in the outbox", published, merchant.MerchantId);
            }
        }
    }
}
