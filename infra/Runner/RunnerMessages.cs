using Backoffice.Core.Orders;

namespace Backoffice.Infra.Runner;

/// <summary>A deadline timer: "when DueAt comes, tell the order its Stage deadline was reached".</summary>
public sealed record DeadlineMessage(string MerchantId, string OrderId, Stage Stage, DateTimeOffset DueAt);

/// <summary>"Dispatch whatever is left in this order's outbox." Sent before a commit as a safety net.</summary>
public sealed record OutboxMessage(string MerchantId, string OrderId);

/// <summary>A status change on its way to the merchant's status URL.</summary>
public sealed record StatusMessage(
    string Id, string MerchantId, string OrderId, string ExternalOrderId, Stage Stage, string Event, DateTimeOffset At, int Version,
    Cancellation? Cancellation);
