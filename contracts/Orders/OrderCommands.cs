namespace Backoffice.Contracts.Orders;

// The bodies of the order commands (POST /api/orders/{merchantId}/{orderId}/{action}). Every one carries the version the
// person saw (expectedVersion, or an If-Match header), so a change someone else made in between is answered 412 with the
// fresh order instead of being overwritten. Every field may be missing on the wire: the API answers 422 naming it.

/// <summary>A line to drop, cancel, fail or reject, with why and (optionally) whom to charge; the default follows the reason.</summary>
public sealed record LineDropRequest(string? LineId, string? Reason, string? Department, string? Note);

public sealed record ConfirmRequest(IReadOnlyList<LineDropRequest?>? DroppedLines, int? ExpectedVersion);

public sealed record CancelRequest(string? Reason, string? Department, string? Note, int? ExpectedVersion);

public sealed record CancelLinesRequest(IReadOnlyList<LineDropRequest?>? Lines, int? ExpectedVersion);

public sealed record PickupRequest(IReadOnlyList<string?>? PickedUp, IReadOnlyList<LineDropRequest?>? Failed, int? ExpectedVersion);

public sealed record PackRequest(IReadOnlyList<LineDropRequest?>? FailedLines, int? ExpectedVersion);

public sealed record DispatchRequest(string? CourierId, int? ExpectedVersion);

public sealed record DeliveryRequest(string? Result, IReadOnlyList<LineDropRequest?>? RejectedLines, long? CashCollected, string? Note, int? ExpectedVersion);

public sealed record CashHandoverRequest(long? Amount, int? ExpectedVersion);

/// <summary>
/// The ProblemDetails of a refused (409) or stale (412) command: the RFC 9457 fields, the refusal's <c>code</c> (409
/// only), and the order as it is now, so a client shows it without reading it again.
/// </summary>
public sealed record OrderCommandProblem(string Type, string Title, int Status, string? Detail, string? Code, OrderView? Order);

/// <summary>The commands as the API names them: in an order's <c>allowedActions</c> and as the last segment of the command's URL.</summary>
public static class OrderActionNames
{
    public const string Confirm = "confirm";
    public const string Cancel = "cancel";
    public const string CancelLines = "cancel-lines";
    public const string Pickup = "pickup";
    public const string Pack = "pack";
    public const string Dispatch = "dispatch";
    public const string Delivery = "delivery";
    public const string CashHandover = "cash-handover";
}
