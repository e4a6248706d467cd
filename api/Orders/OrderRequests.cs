using Backoffice.Core.Orders;

namespace Backoffice.Api.Orders;

/// <summary>A line to drop, cancel, fail or reject, with why and (optionally) whom to charge; the default follows the reason.</summary>
public sealed record LineDropRequest(string? LineId, CancellationReason? Reason, Department? Department, string? Note);

public sealed record ConfirmRequest(IReadOnlyList<LineDropRequest?>? DroppedLines, int? ExpectedVersion);

public sealed record CancelRequest(CancellationReason? Reason, Department? Department, string? Note, int? ExpectedVersion);

public sealed record CancelLinesRequest(IReadOnlyList<LineDropRequest?>? Lines, int? ExpectedVersion);

public sealed record PickupRequest(IReadOnlyList<string?>? PickedUp, IReadOnlyList<LineDropRequest?>? Failed, int? ExpectedVersion);

public sealed record PackRequest(IReadOnlyList<LineDropRequest?>? FailedLines, int? ExpectedVersion);

public sealed record DispatchRequest(string? CourierId, int? ExpectedVersion);

public sealed record DeliveryRequest(DeliveryResult? Result, IReadOnlyList<LineDropRequest?>? RejectedLines, long? CashCollected, string? Note, int? ExpectedVersion);

public sealed record CashHandoverRequest(long? Amount, int? ExpectedVersion);
