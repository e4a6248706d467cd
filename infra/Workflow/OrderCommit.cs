using Backoffice.Core.Orders;

namespace Backoffice.Infra.Workflow;

/// <summary>
/// Input of the SaveOrder activity: the events one decision appended, and the version they start from. The activity
/// folds them onto the stored state, so the read model (the same Orders rows the local runner writes) serves the same
/// GET endpoints, and the orchestration never ships whole documents.
/// </summary>
public sealed record OrderCommit(string MerchantId, string OrderId, int FromVersion, IReadOnlyList<OrderEvent> Events)
{
    public int ToVersion => FromVersion + Events.Count;
}
