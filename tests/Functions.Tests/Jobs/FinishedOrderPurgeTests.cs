using Backoffice.Infra.Orders.Lifecycle;
using Microsoft.DurableTask.Client;
using Xunit;

namespace Backoffice.Functions.Tests.Jobs;

public sealed class FinishedOrderPurgeTests
{
    [Fact]
    public void The_purge_takes_only_finished_orchestrations_created_before_the_retention_period()
    {
        var now = new DateTimeOffset(2026, 12, 4, 3, 30, 0, TimeSpan.Zero);

        var filter = FinishedOrderPurge.Filter(now, TimeSpan.FromDays(30));

        Assert.Null(filter.CreatedFrom);
        Assert.Equal(now.AddDays(-30), filter.CreatedTo);
        Assert.Equal(
            new[] { OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated },
            filter.Statuses!.Order());
        Assert.DoesNotContain(OrchestrationRuntimeStatus.Running, filter.Statuses!);
        Assert.DoesNotContain(OrchestrationRuntimeStatus.Pending, filter.Statuses!);
        Assert.DoesNotContain(OrchestrationRuntimeStatus.Suspended, filter.Statuses!);
    }
}
