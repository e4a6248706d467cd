using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Runner;

/// <summary>
/// A second path to every deadline: a range query on the work-queue index for entries due before now. It catches
/// timers lost with a queue and lets tests drive deadlines with a fake clock. Work-queue entries that point at an
/// order that has moved on are removed.
/// </summary>
public sealed class DeadlineSweeper(
    WorkQueueIndex workQueue, DeadlineHandler handler, TimeProvider clock, RunnerOptions options, ILogger<DeadlineSweeper> logger) : BackgroundService
{
    public async Task<int> SweepOnceAsync(CancellationToken ct = default)
    {
        var fired = 0;
        foreach (var stage in StageFacts.Working)
        {
            var overdue = await workQueue.OverdueAsync(stage, clock.GetUtcNow(), 100, ct).ConfigureAwait(false);
            foreach (var entry in overdue)
            {
                var outcome = await handler.HandleAsync(new DeadlineMessage(entry.MerchantId, entry.OrderId, entry.Stage, entry.DueAt), ct).ConfigureAwait(false);
                if (outcome?.Kind == OutcomeKind.Applied)
                {
                    fired++;
                }
                else if (outcome?.Rejection?.Code == Rejection.StaleDeadline && IsOrphan(entry, outcome.State))
                {
                    await workQueue.RemoveAsync(entry, ct).ConfigureAwait(false);
                }
            }
        }

        return fired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.SweepInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Deadline sweep failed; retrying");
                await Task.Delay(options.SweepInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsOrphan(WorkQueueEntry entry, PlacedOrder? order) =>
        OrderWorkflow.WorkItemOf(order) is not { } current || current.Stage != entry.Stage || current.DueAt != entry.DueAt;
}
