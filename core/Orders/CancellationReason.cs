namespace Backoffice.Core.Orders;

/// <summary>Why an order or a line was lost. The closed list comes from the business (mission.md).</summary>
public enum CancellationReason
{
    // Confirmation (call centre)
    CustomerChangedMind,
    PriceNotAccepted,
    OperatorRude,
    GoodsUnavailable,
    Duplicate,
    Fraud,
    CustomerUnreachable,

    // Supplier pickup (inbound logistics)
    SupplierOutOfStock,
    GoodsDefective,
    SupplierBlockedShipment,

    // Packing (warehouse)
    ItemNotFound,
    ItemDamaged,

    // Delivery (outbound logistics)
    CustomerRefused,
    RejectedOnInspection,
    CustomerAbsent,

    // Any stage
    DeadlineMissed,
    Other,
}

/// <summary>Which reasons make sense in which stage, and whom each is charged to by default.</summary>
public static class CancellationReasons
{
    private static readonly IReadOnlyDictionary<Stage, CancellationReason[]> ByStage = new Dictionary<Stage, CancellationReason[]>
    {
        [Stage.Confirmation] =
        [
            CancellationReason.CustomerChangedMind, CancellationReason.PriceNotAccepted, CancellationReason.OperatorRude,
            CancellationReason.GoodsUnavailable, CancellationReason.Duplicate, CancellationReason.Fraud,
            CancellationReason.CustomerUnreachable, CancellationReason.Other,
        ],
        [Stage.SupplierPickup] =
        [
            CancellationReason.SupplierOutOfStock, CancellationReason.GoodsDefective, CancellationReason.SupplierBlockedShipment,
            CancellationReason.CustomerChangedMind, CancellationReason.Other,
        ],
        [Stage.Packing] =
        [
            CancellationReason.ItemNotFound, CancellationReason.ItemDamaged, CancellationReason.CustomerChangedMind,
            CancellationReason.Other,
        ],
        [Stage.Delivery] =
        [
            CancellationReason.CustomerRefused, CancellationReason.RejectedOnInspection, CancellationReason.CustomerAbsent,
            CancellationReason.ItemDamaged, CancellationReason.CustomerChangedMind, CancellationReason.Other,
        ],
    };

    /// <summary>Reasons a person may choose in a stage (DeadlineMissed is only ever recorded by the clock).</summary>
    public static IReadOnlyList<CancellationReason> For(Stage stage) =>
        ByStage.TryGetValue(stage, out var reasons) ? reasons : [];

    public static bool IsAllowed(Stage stage, CancellationReason reason) => For(stage).Contains(reason);

    public static Department DefaultDepartment(CancellationReason reason, Stage stage) => reason switch
    {
        CancellationReason.CustomerChangedMind or CancellationReason.PriceNotAccepted or CancellationReason.CustomerUnreachable
            or CancellationReason.CustomerRefused or CancellationReason.RejectedOnInspection or CancellationReason.CustomerAbsent
            => Department.Customer,
        CancellationReason.OperatorRude => Department.CallCentre,
        CancellationReason.GoodsUnavailable or CancellationReason.SupplierOutOfStock or CancellationReason.GoodsDefective
            => Department.Purchasing,
        CancellationReason.Duplicate or CancellationReason.Fraud or CancellationReason.SupplierBlockedShipment
            => Department.Merchant,
        CancellationReason.ItemNotFound => Department.Warehouse,
        CancellationReason.ItemDamaged => stage == Stage.Delivery ? Department.OutboundLogistics : Department.Warehouse,
        _ => stage.IsTerminal() ? Department.Merchant : stage.Owner(),
    };
}
