namespace Backoffice.Infra.Workflow;

/// <summary>
/// The orchestration instance of an order. Order ids already derive from (merchant, external order id), so a redelivered
/// intake message meets the same instance and never starts a second one.
/// </summary>
public static class OrderWorkflowIds
{
    public static string InstanceId(string merchantId, string orderId) => $"{merchantId}:{orderId}";
}
