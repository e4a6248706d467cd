using System.Text.Json;
using Backoffice.Core.Orders;
using Xunit;
using static Backoffice.Hardening.Tests.HostileRequests;

namespace Backoffice.Hardening.Tests;

/// <summary>
/// The KPI outage of issue 15, item 1: eleven orders of 100 lines × 10,000 units × 10¹² minor units each — every
/// amount inside its own limit — overflowed a day's KPI sums. Each such order is now refused at intake with a 422 at
/// the lines' path, and nothing is stored.
/// </summary>
[Collection(HardeningWorld.Collection)]
public sealed class OrderTotalCapTests(HardeningWorld world)
{
    private const string HugeLine = """{"sku":"S","name":"N","quantity":10000,"unitPrice":1000000000000}""";

    [Fact]
    public async Task Eleven_orders_whose_totals_overflow_the_kpi_sums_are_each_refused_at_intake_with_the_path_of_the_lines()
    {
        var before = await StorageSnapshot.TakeAsync(world.Host.Storage);

        for (var i = 0; i < 11; i++)
        {
            var json = ManyLines(Edit(OwnTemplate, "H-1", $"OVERFLOW-{i}"), "lines", HugeLine, 100);
            var result = await Probe.SendAsync(world.Client(role: null), Own(world, json));

            Assert.Equal(422, result.Code);
            var errors = JsonDocument.Parse(result.Body).RootElement.GetProperty("errors");
            var message = Assert.Single(errors.GetProperty("lines").EnumerateArray()).GetString();
            Assert.Contains(OrderLimits.MaxOrderTotal.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
        }

        Assert.Empty((await StorageSnapshot.TakeAsync(world.Host.Storage)).ChangesSince(before));
    }

    [Fact]
    public async Task An_order_exactly_at_the_cap_is_accepted()
    {
        // One line at 10¹² − 500 plus the template's delivery fee of 500: exactly 10¹².
        var json = Edit(Edit(OwnTemplate, "H-1", "AT-CAP-" + Guid.NewGuid().ToString("N")[..8]), "\"unitPrice\":1000", "\"unitPrice\":999999999500");

        var result = await Probe.SendAsync(world.Client(role: null), Own(world, json));

        Assert.Equal(201, result.Code);
    }
}
