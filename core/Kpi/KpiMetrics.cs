using Backoffice.Core.Orders;

namespace Backoffice.Core.Kpi;

/// <summary>
/// The names of the stored counters. They are part of the storage format: renaming one needs a full rebuild.
/// Loss and miss counters carry their dimensions in the name (<c>loss|Packing|ItemDamaged|Warehouse|value</c>).
/// </summary>
public static class KpiMetrics
{
    public const string Visits = "visits";
    public const string TrafficDays = "trafficDays";
    public const string Orders = "orders";
    public const string Demand = "demand";
    public const string Net = "net";
    public const string Revenue = "revenue";
    public const string InFlight = "inFlight";
    public const string InFlightValue = "inFlightValue";
    public const string Cancelled = "cancelled";
    public const string LostValue = "lostValue";
    public const string Confirmed = "funnel.confirmed";
    public const string PickedUp = "funnel.pickedUp";
    public const string Packed = "funnel.packed";
    public const string Delivered = "funnel.delivered";

    public const string LossOrders = "orders";
    public const string LossLines = "lines";
    public const string LossValue = "value";

    private const string LossPrefix = "loss|";
    private const string MissPrefix = "miss|";

    public static string Loss(Stage stage, CancellationReason reason, Department department, string measure) =>
        $"{LossPrefix}{stage}|{reason}|{department}|{measure}";

    public static string Miss(Stage stage, Department department) => $"{MissPrefix}{stage}|{department}";

    public static bool TryParseLoss(string metric, out Stage stage, out CancellationReason reason, out Department department, out string measure)
    {
        stage = default;
        reason = default;
        department = default;
        measure = string.Empty;
        if (!metric.StartsWith(LossPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = metric.Split('|');
        if (parts.Length != 5 || !Enum.TryParse(parts[1], out stage) || !Enum.TryParse(parts[2], out reason) || !Enum.TryParse(parts[3], out department))
        {
            return false;
        }

        measure = parts[4];
        return true;
    }

    public static bool TryParseMiss(string metric, out Stage stage, out Department department)
    {
        stage = default;
        department = default;
        if (!metric.StartsWith(MissPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = metric.Split('|');
        return parts.Length == 3 && Enum.TryParse(parts[1], out stage) && Enum.TryParse(parts[2], out department);
    }
}
