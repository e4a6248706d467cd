using Backoffice.Core.Common;

namespace Backoffice.Core.Customers;

/// <summary>How a call-centre call to the customer went.</summary>
public enum CallOutcome
{
    Confirmed,
    Declined,
    CallbackRequested,
    NoAnswer,
    Busy,
    Voicemail,
    WrongNumber,
}

/// <summary>One entry of the contact log: a call attempt, about which order, how it went, a note, who and when.</summary>
public sealed record CallAttempt(string CallId, string? OrderId, CallOutcome Outcome, string? Note, DateTimeOffset At, Actor By);
