namespace Backoffice.Core.Orders;

/// <summary>Where an order is in the operational pipe. Delivered and Cancelled are terminal.</summary>
public enum Stage
{
    Confirmation,
    SupplierPickup,
    Packing,
    Delivery,
    Delivered,
    Cancelled,
}

/// <summary>The departments a loss can be charged to ("cross-responsibility").</summary>
public enum Department
{
    CallCentre,
    Purchasing,
    Warehouse,
    OutboundLogistics,
    Customer,
    Merchant,
}

public enum PaymentMethod
{
    CashOnDelivery,
    Prepaid,
}

public static class StageFacts
{
    public static bool IsTerminal(this Stage stage) => stage is Stage.Delivered or Stage.Cancelled;

    public static bool HasDeadline(this Stage stage) => !stage.IsTerminal();

    /// <summary>The department a missed deadline in this stage is charged to.</summary>
    public static Department Owner(this Stage stage) => stage switch
    {
        Stage.Confirmation => Department.CallCentre,
        Stage.SupplierPickup => Department.Purchasing,
        Stage.Packing => Department.Warehouse,
        Stage.Delivery => Department.OutboundLogistics,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Terminal stages have no owner."),
    };

    public static readonly IReadOnlyList<Stage> Working = [Stage.Confirmation, Stage.SupplierPickup, Stage.Packing, Stage.Delivery];
}
