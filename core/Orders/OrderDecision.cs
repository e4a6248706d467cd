namespace Backoffice.Core.Orders;

/// <summary>Why a command was refused: a stable code for clients and a sentence for people.</summary>
public sealed record Rejection(string Code, string Message)
{
    public const string NotFound = "order-not-found";
    public const string AlreadyPlaced = "order-already-placed";
    public const string StageForbids = "stage-forbids";
    public const string UnknownLine = "unknown-line";
    public const string LineNotLive = "line-not-live";
    public const string ReasonNotAllowed = "reason-not-allowed";
    public const string CashMismatch = "cash-mismatch";
    public const string StaleDeadline = "stale-deadline";
    public const string Invalid = "invalid-command";
}

/// <summary>The outcome of <see cref="OrderDecider.Decide"/>: events to append, or a rejection.</summary>
public sealed record OrderDecision(IReadOnlyList<OrderEvent> Events, Rejection? Rejection)
{
    public bool IsAccepted => Rejection is null;

    public static OrderDecision Accept(IReadOnlyList<OrderEvent> events) => new(events, null);

    public static OrderDecision Reject(string code, string message) => new([], new Rejection(code, message));
}
