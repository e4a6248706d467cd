namespace Backoffice.Functions.Hosting;

/// <summary>The Service Bus entities bicep/modules/servicebus.bicep creates, and the app-setting prefix of the connection.</summary>
public static class ServiceBusNames
{
    /// <summary>App settings <c>ServiceBus__fullyQualifiedNamespace</c>, <c>__credential</c>, <c>__clientId</c> (identity-based).</summary>
    public const string Connection = "ServiceBus";

    public const string OrderStatusTopic = "order-status";

    /// <summary>Subscription of <see cref="OrderStatusTopic"/> and of <see cref="StockChangedTopic"/>.</summary>
    public const string MerchantWebhooksSubscription = "merchant-webhooks";

    public const string FinanceReportsTopic = "finance-reports";

    public const string StockChangedTopic = "stock-changed";
}
