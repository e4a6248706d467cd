using Backoffice.Core.Orders;

namespace Backoffice.Infra.Status;

/// <summary>A status change on its way to the merchant's status URL.</summary>
public sealed record StatusMessage(
    string Id, string MerchantId, string OrderId, string ExternalOrderId, Stage Stage, string Event, DateTimeOffset At, int Version,
    Cancellation? Cancellation);
