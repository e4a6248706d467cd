using Backoffice.Core.Finance;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Merchants;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Finance;

/// <summary>
/// Every Monday (default 06:00 UTC): each merchant's latest ISO week that has ended in its own time zone. West of
/// UTC-6 that week ends after 06:00 UTC, so it is settled the following Monday — or schedule the job hourly on Mondays
/// (runs are idempotent) to settle every zone the same day.
/// </summary>
public sealed class WeeklySettlementJob(MerchantStore merchants, SettlementRun run, ILogger<WeeklySettlementJob> logger) : IScheduledJob
{
    public string Name => "WeeklySettlement";

    public string DefaultSchedule => "0 0 6 * * 1";

    public async Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct)
    {
        var failures = new List<Exception>();
        foreach (var merchant in await merchants.ListAsync(ct).ConfigureAwait(false))
        {
            try
            {
                var week = SettlementWeek.LatestEnded(scheduledAt, MerchantCalendar.Zone(merchant.TimeZone));
                var result = await run.RunAsync(merchant.MerchantId, week, ct).ConfigureAwait(false);
                logger.LogInformation("Weekly settlement {MerchantId} {Week}: {Outcome}", merchant.MerchantId, week.Label, result.Outcome);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Weekly settlement of {MerchantId} failed; the other merchants go on", merchant.MerchantId);
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Some weekly settlements failed.", failures);
        }
    }
}

/// <summary>The 1st of every month (default 06:00 UTC): each merchant's latest calendar month that has ended in its own time zone.</summary>
public sealed class MonthlyInvoiceJob(MerchantStore merchants, MonthlyInvoiceRun run, ILogger<MonthlyInvoiceJob> logger) : IScheduledJob
{
    public string Name => "MonthlyInvoice";

    public string DefaultSchedule => "0 0 6 1 * *";

    public async Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct)
    {
        var failures = new List<Exception>();
        foreach (var merchant in await merchants.ListAsync(ct).ConfigureAwait(false))
        {
            try
            {
                var month = BillingMonth.LatestEnded(scheduledAt, MerchantCalendar.Zone(merchant.TimeZone));
                var result = await run.RunAsync(merchant.MerchantId, month, ct).ConfigureAwait(false);
                logger.LogInformation("Monthly invoice {MerchantId} {Month}: {Outcome}", merchant.MerchantId, month.Label, result.Outcome);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Monthly invoice of {MerchantId} failed; the other merchants go on", merchant.MerchantId);
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Some monthly invoices failed.", failures);
        }
    }
}
