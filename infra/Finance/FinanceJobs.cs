using Backoffice.Core.Finance;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Merchants;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Finance;

/// <summary>
/// Every Monday (default 06:00 UTC): for each merchant every ended ISO week (in its own time zone) from the last one
/// closed up to the latest, oldest first (<see cref="PeriodBacklog"/>), so a Monday the host missed is caught up with a
/// statement per week instead of one statement for two weeks. West of UTC-6 the latest week ends after 06:00 UTC, so it
/// is settled the following Monday — or schedule the job hourly on Mondays (runs are idempotent).
/// </summary>
public sealed class WeeklySettlementJob(MerchantStore merchants, CashLedger ledger, SettlementRun run, FinanceOptions options, ILogger<WeeklySettlementJob> logger)
    : IScheduledJob
{
    public string Name => "WeeklySettlement";

    public string DefaultSchedule => "0 0 6 * * 1";

    public bool CatchUpOnStart => true;

    public Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct) =>
        FinanceJob.ForEachMerchantAsync(merchants, logger, "Weekly settlement", async (merchant, zone) =>
        {
            var fence = await ledger.FenceAsync(merchant.MerchantId, ct).ConfigureAwait(false);
            SettlementWeek? lastClosed = SettlementWeek.TryParse(fence.LastPeriod, out var last) ? last : null;
            SettlementWeek? first = lastClosed is null && await ledger.FirstRecordedAsync(merchant.MerchantId, ct).ConfigureAwait(false) is { } at
                ? SettlementWeek.Containing(at, zone)
                : null;
            var latest = SettlementWeek.LatestEnded(scheduledAt, zone);
            var weeks = PeriodBacklog.Weeks(lastClosed, first, latest, options.CatchUpWeeks);
            if (lastClosed is { } closed && weeks.Count > 0 && closed.Next.CompareTo(weeks[0]) < 0)
            {
                logger.LogWarning("Weekly settlement {MerchantId}: weeks {From} to {To} were missed beyond the catch-up bound; {Week} takes their cash",
                    merchant.MerchantId, closed.Next.Label, weeks[0].Previous.Label, weeks[0].Label);
            }

            return weeks.Select(week => (week.Label, (Func<Task<RunResult>>)(() => run.RunAsync(merchant.MerchantId, week, ct))));
        }, ct);
}

/// <summary>
/// The 1st of every month (default 06:00 UTC): for each merchant every ended calendar month (in its own time zone) from
/// the last one invoiced up to the latest, oldest first, as <see cref="WeeklySettlementJob"/> does for weeks.
/// </summary>
public sealed class MonthlyInvoiceJob(MerchantStore merchants, DeliveredOrders delivered, MonthlyInvoiceRun run, FinanceOptions options, ILogger<MonthlyInvoiceJob> logger)
    : IScheduledJob
{
    public string Name => "MonthlyInvoice";

    public string DefaultSchedule => "0 0 6 1 * *";

    public bool CatchUpOnStart => true;

    public Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct) =>
        FinanceJob.ForEachMerchantAsync(merchants, logger, "Monthly invoice", async (merchant, zone) =>
        {
            var fence = await delivered.FenceAsync(merchant.MerchantId, ct).ConfigureAwait(false);
            BillingMonth? lastClosed = BillingMonth.TryParse(fence.LastPeriod, out var last) ? last : null;
            BillingMonth? first = lastClosed is null && await delivered.FirstRecordedAsync(merchant.MerchantId, ct).ConfigureAwait(false) is { } at
                ? BillingMonth.Containing(at, zone)
                : null;
            var months = PeriodBacklog.Months(lastClosed, first, BillingMonth.LatestEnded(scheduledAt, zone), options.CatchUpMonths);
            return months.Select(month => (month.Label, (Func<Task<RunResult>>)(() => run.RunAsync(merchant.MerchantId, month, ct))));
        }, ct);
}

/// <summary>What the two finance jobs share: every merchant, its periods in order, one merchant's failure not stopping the others.</summary>
internal static class FinanceJob
{
    public static async Task ForEachMerchantAsync(
        MerchantStore merchants,
        ILogger logger,
        string job,
        Func<Core.Merchants.Merchant, TimeZoneInfo, Task<IEnumerable<(string Period, Func<Task<RunResult>> Run)>>> periodsOf,
        CancellationToken ct)
    {
        var failures = new List<Exception>();
        foreach (var merchant in await merchants.ListAsync(ct).ConfigureAwait(false))
        {
            try
            {
                foreach (var (period, runPeriod) in await periodsOf(merchant, MerchantCalendar.Zone(merchant.TimeZone)).ConfigureAwait(false))
                {
                    var result = await runPeriod().ConfigureAwait(false);
                    logger.LogInformation("{Job} {MerchantId} {Period}: {Outcome}", job, merchant.MerchantId, result.Period, result.Outcome);
                    if (result.Outcome is not (RunOutcome.Created or RunOutcome.AlreadyExists or RunOutcome.NothingToDo or RunOutcome.NotEnded))
                    {
                        // A later period must not close over one that is not done: its entries would land in the later one.
                        logger.LogWarning("{Job} {MerchantId}: stopping at {Period} ({Outcome}); later periods wait for it", job, merchant.MerchantId, period, result.Outcome);
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Stops this merchant's later periods too, for the same reason.
                logger.LogError(ex, "{Job} of {MerchantId} failed; its later periods wait, the other merchants go on", job, merchant.MerchantId);
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"Some {job.ToLowerInvariant()} runs failed.", failures);
        }
    }
}
