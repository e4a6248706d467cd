using Backoffice.Core.Orders;

namespace Backoffice.Core.Customers;

/// <summary>
/// When a cash-on-delivery order is flagged to the operator confirming it: the customer refused at least
/// <see cref="MinimumRefusals"/> parcels, and at least <see cref="ThresholdBasisPoints"/> of those that reached the door.
/// Defaults: two refusals and half of the parcels.
/// </summary>
public sealed record RefusalRisk(int MinimumRefusals = 2, int ThresholdBasisPoints = 5_000)
{
    public static RefusalRisk Default { get; } = new();

    public bool IsHigh(CustomerStats stats) => stats.Refused >= MinimumRefusals && stats.RefusalRateBasisPoints >= ThresholdBasisPoints;

    /// <summary>Only cash on delivery is at risk: a prepaid parcel that is refused costs the shipping, not the goods' money.</summary>
    public bool Flags(CustomerStats stats, PaymentMethod payment) => payment == PaymentMethod.CashOnDelivery && IsHigh(stats);
}
