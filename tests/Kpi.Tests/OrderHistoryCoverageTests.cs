using Backoffice.Core.Orders;
using Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>The random order lives behind the property tests reach every outcome the KPIs distinguish.</summary>
public sealed class OrderHistoryCoverageTests
{
    [Fact]
    public void Generated_histories_cover_delivery_cancellation_flight_losses_and_misses()
    {
        var histories = Enumerable.Range(0, 300).Select(seed => OrderHistories.Generate(seed)).ToArray();

        Assert.Contains(histories, h => h.Final.Stage == Stage.Delivered && h.Final.Lines.Any(l => l.Status == LineStatus.Rejected));
        Assert.Contains(histories, h => h.Final.Stage == Stage.Delivered && h.Final.Lines.Any(l => l.Status == LineStatus.Cancelled));
        Assert.Contains(histories, h => h.Final.Stage == Stage.Cancelled && h.Final.Cancellation!.Reason == CancellationReason.DeadlineMissed);
        Assert.Contains(histories, h => h.Final.Stage == Stage.Cancelled && h.Final.Cancellation!.Stage == Stage.Delivery);
        Assert.Contains(histories, h => !h.Final.Stage.IsTerminal());
        Assert.Contains(histories, h => h.Events.OfType<LinesPickedUp>().Any());
        Assert.Contains(histories, h => h.Events.OfType<DeadlineMissed>().Any() && h.Final.Stage == Stage.Delivered);
        Assert.True(histories.Count(h => h.Final.Stage == Stage.Delivered) > 30);
    }
}
