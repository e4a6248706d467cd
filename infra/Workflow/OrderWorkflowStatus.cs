using Backoffice.Core.Orders;

namespace Backoffice.Infra.Workflow;

/// <summary>The orchestration's custom status and output: a few fields, well under Durable's 16 KB limit.</summary>
public sealed record OrderWorkflowStatus(string MerchantId, string OrderId, Stage? Stage, int Version, DateTimeOffset? DueAt, int Misses, string? LastRejection)
{
    public static OrderWorkflowStatus Of(string merchantId, string orderId, OrderState state, Rejection? rejection = null) => state is PlacedOrder order
        ? new(merchantId, orderId, order.Stage, order.Version, order.Deadline?.DueAt, order.Deadline?.Misses ?? 0, rejection?.Code)
        : new(merchantId, orderId, null, state.Version, null, 0, rejection?.Code);
}
