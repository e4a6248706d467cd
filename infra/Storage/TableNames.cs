namespace Backoffice.Infra.Storage;

/// <summary>Every table, queue and container the back-office uses, in one place so provisioning cannot miss one.</summary>
public static class TableNames
{
    public const string Orders = "Orders";
    public const string WorkQueue = "WorkQueue";
    public const string MerchantOrders = "MerchantOrders";
    public const string Merchants = "Merchants";
    public const string CashLedger = "CashLedger";

    public static readonly IReadOnlyList<string> All = [Orders, WorkQueue, MerchantOrders, Merchants, CashLedger];
}

public static class QueueNames
{
    /// <summary>Deadline timers: delayed messages, re-armed when further than the 7-day visibility limit.</summary>
    public const string Timers = "order-timers";

    /// <summary>"Dispatch the outbox of this order": the safety net sent before each commit.</summary>
    public const string Outbox = "order-outbox";

    /// <summary>Status changes on their way to the merchant's status URL.</summary>
    public const string Status = "order-status";

    public static readonly IReadOnlyList<string> All = [Timers, Outbox, Status];
}

public static class ContainerNames
{
    public const string Reports = "reports";

    public static readonly IReadOnlyList<string> All = [Reports];
}
