namespace Backoffice.Infra.Storage;

/// <summary>Every table, queue and container the back-office uses, in one place so provisioning cannot miss one.</summary>
public static class TableNames
{
    public const string Orders = "Orders";
    public const string WorkQueue = "WorkQueue";
    public const string MerchantOrders = "MerchantOrders";
    public const string Merchants = "Merchants";
    public const string CashLedger = "CashLedger";
    public const string StatusDeadLetters = "StatusDeadLetters";
    public const string FinanceDocuments = "FinanceDocuments";
    public const string FinanceDeliveries = "FinanceDeliveries";
    public const string KpiChanges = "KpiChanges";
    public const string KpiFacts = "KpiFacts";
    public const string KpiTraffic = "KpiTraffic";
    public const string KpiRollup = "KpiRollup";
    public const string Stock = "Stock";
    public const string Customers = "Customers";

    public static readonly IReadOnlyList<string> All = [Orders, WorkQueue, MerchantOrders, Merchants, CashLedger, FinanceDocuments, FinanceDeliveries, KpiChanges, KpiFacts, KpiTraffic, KpiRollup, Stock, Customers, StatusDeadLetters];
}

public static class QueueNames
{
    /// <summary>Status changes on their way to the merchant's status URL.</summary>
    public const string Status = "order-status";

    /// <summary>Settlement and invoice notices for finance (a Service Bus topic in Azure).</summary>
    public const string FinanceReports = "finance-reports";

    /// <summary>Stock availability changes for storefronts (the Service Bus topic <c>stock-changed</c> in Azure).</summary>
    public const string StockChanged = "stock-changed";

    public static readonly IReadOnlyList<string> All = [Status, FinanceReports, StockChanged];
}

public static class ContainerNames
{
    public const string Reports = "reports";

    public static readonly IReadOnlyList<string> All = [Reports];
}
