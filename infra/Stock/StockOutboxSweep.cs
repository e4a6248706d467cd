using Backoffice.Infra.Jobs;
using Backoffice.Infra.Merchants;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Stock;

/// <summary>
/// The safety net of stock publication: every change commits with an outbox row and is published right away; rows
/// a crash or an unavailable channel left behind are published by this job (one range query per merchant).
/// </summary>
public sealed class StockOutboxSweep(MerchantStore merchants, StockLedger ledger, ILogger<StockOutboxSweep> logger) : IScheduledJob
{
    /// <summary>Rows younger than this are probably being published by their writer right now.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(15);

    /// <summary>Also an app-setting segment in Azure (<c>Jobs__StockOutboxSweep__Schedule</c>), so letters only.</summary>
    public string Name => "StockOutboxSweep";

    public string DefaultSchedule => "*/30 * * * * *";

    public async Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct)
    {
        foreach (var merchant in await merchants.ListAsync(ct).ConfigureAwait(false))
        {
            var published = await ledger.FlushOutboxAsync(merchant.MerchantId, MinimumAge, ct).ConfigureAwait(false);
            if (published > 0)
            {
                logger.LogInformation("Published {Count} stock changes of {MerchantId} left in the outbox", published, merchant.MerchantId);
            }
        }
    }
}
