namespace Backoffice.Web.Api;

// Bodies of the order commands (api/Orders/OrderRequests.cs). Every one carries the version the person saw, so a
// change made by someone else in between is answered with 412 and the fresh order instead of being overwritten.

public sealed record LineDrop(string LineId, string Reason, string? Department, string? Note);

public sealed record ConfirmRequest(IReadOnlyList<LineDrop> DroppedLines, int ExpectedVersion);

public sealed record CancelRequest(string Reason, string? Department, string? Note, int ExpectedVersion);

public sealed record CancelLinesRequest(IReadOnlyList<LineDrop> Lines, int ExpectedVersion);

public sealed record PickupRequest(IReadOnlyList<string> PickedUp, IReadOnlyList<LineDrop> Failed, int ExpectedVersion);

public sealed record PackRequest(IReadOnlyList<LineDrop> FailedLines, int ExpectedVersion);

public sealed record DispatchRequest(string CourierId, int ExpectedVersion);

public sealed record DeliveryRequest(string Result, IReadOnlyList<LineDrop> RejectedLines, long? CashCollected, string? Note, int ExpectedVersion);

public sealed record CashHandoverRequest(long Amount, int ExpectedVersion);
